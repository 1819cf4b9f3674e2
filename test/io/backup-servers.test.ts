/**
 * A backup taken through one server while another server on the same Neo4j keeps writing is one
 * consistent state: the other server's writes wait at the write barrier until it has been read.
 * Each audited update raises an organisation's version by one and writes one record, in one
 * transaction: in a consistent backup the two always agree.
 */
import { describe, expect, it } from 'vitest';
import { twoServersForSuite } from '../helpers/two-servers.js';
import { accountsOver } from '../../graph/repo/accounts.js';
import { consistentBackup } from '../../graph/io/backup/backup.js';
import type { BackupLine } from '../../graph/io/backup/format.js';

const actor = { id: 'backup-test', displayName: 'Skrivaren' };

describe('a backup through one server while another writes', () => {
  const { a, b } = twoServersForSuite();

  it('is one consistent state', async () => {
    const ids = (await b.organisations.list({}, { first: 6 })).nodes.map((o) => o.id);
    const before = new Map((await b.organisations.getMany(ids)).entries());
    const editing = accountsOver(b).editing;
    let writing = true;
    let written = 0;
    const writers = ids.map(async (id, k) => {
      for (let i = 0; writing; i++) {
        const current = (await b.organisations.get(id))!;
        await editing.updateOrganisation(id, { description: `skriven ${k}.${i}`, version: current.version }, actor, null).then(() => written++);
      }
    });
    while (written < 10) await new Promise((r) => setTimeout(r, 10));
    const lines: BackupLine[] = [];
    await consistentBackup(a, (line) => void lines.push(line));
    const during = written;
    while (written < during + 10) await new Promise((r) => setTimeout(r, 10));
    writing = false;
    await Promise.all(writers);

    const nodes = lines.filter((l): l is Extract<BackupLine, { kind: 'node' }> => l.kind === 'node');
    const versions = new Map(nodes.filter((l) => l.label === 'Organisation').map((l) => [l.props['id'] as string, l.props['version'] as number]));
    const updates = new Map<string, number>();
    for (const l of nodes) {
      if (l.label === 'AuditRecord' && l.props['entityType'] === 'Organisation' && l.props['action'] === 'UPDATE' && l.props['actorName'] === actor.displayName) {
        updates.set(l.props['entityId'] as string, (updates.get(l.props['entityId'] as string) ?? 0) + 1);
      }
    }
    const disagreeing = ids.filter((id) => versions.get(id)! - before.get(id)!.version !== (updates.get(id) ?? 0)).map((id) => `${id}: version ${before.get(id)!.version} → ${versions.get(id)}, ${updates.get(id) ?? 0} updates`);
    console.log(`backup taken with ${during} writes before it and ${written - during} after, on the other server`);
    expect(disagreeing).toEqual([]);
    expect([...updates.values()].reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(10);
  });
});
