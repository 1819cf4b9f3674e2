/** Every node and relationship cites a Source that exists, with a valid basis: the seed's schema checks. */
import type { GraphEngine } from '../../graph/engines/port.js';
import { quality } from '../../graph/cypher/statements/quality.js';
import { defineStatement } from '../../graph/cypher/statement.js';

const SOURCE_IDS = defineStatement<Record<string, never>, { id: string }>({ name: 'test.sourceIds', mode: 'read', cypher: 'MATCH (s:Source) RETURN s.id AS id', example: {} });

export async function provenanceProblems(engine: GraphEngine): Promise<string[]> {
  const problems: string[] = [];
  await engine.read(async (tx) => {
    const sources = new Set((await tx.run(SOURCE_IDS, {})).map((r) => r.id));
    const check = (what: string, rows: { sourceId: string | null; basis: string | null; n: number }[]) => {
      for (const r of rows) {
        if (!r.sourceId || !sources.has(r.sourceId)) problems.push(`${r.n} ${what} cite ${String(r.sourceId)}`);
        if (!['STATED', 'INFERRED', 'ENTERED'].includes(String(r.basis))) problems.push(`${r.n} ${what} have basis ${String(r.basis)}`);
      }
    };
    for (const [label, s] of Object.entries(quality.nodeSources)) check(`${label} nodes`, await tx.run(s, {}));
    for (const [type, s] of Object.entries(quality.relSources)) check(`${type} relationships`, await tx.run(s, {}));
  });
  return problems;
}
