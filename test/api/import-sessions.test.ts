/**
 * Upload sessions of the import API on a fake clock, in the store under test: expiry, the
 * per-admin and total caps, ownership, and two servers (two sessions over one store) sharing
 * uploads, chunks and a job's outcome.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportInputError, ImportSessions, NotYoursError, STALE_JOB_MS } from '../../server/graphql/import-sessions.js';
import { importJobs, importUploads } from '../../graph/cypher/statements/imports.js';
import { meta } from '../../graph/cypher/statements/meta.js';
import { tempStore, type TempStore } from '../helpers/store.js';

const limits = { maxBytes: 1000, perUser: 2, totalBytes: 2500, idleMs: 60_000 };
const b64 = (s: string) => Buffer.from(s).toString('base64');

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

/** Sessions of `servers` servers over one store, on one fake clock. */
function clocked(servers = 1) {
  let now = 1_000_000;
  const all = Array.from({ length: servers }, () => new ImportSessions(temp.engine, limits, () => now));
  return { sessions: all[0]!, all, advance: (ms: number) => (now += ms) };
}

async function refusal(work: () => Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ImportInputError) return { code: error.code, field: error.field };
    if (error instanceof NotYoursError) return { code: 'FORBIDDEN', field: error.field };
    throw error;
  }
  throw new Error('was not refused');
}

describe('import upload sessions', () => {
  it('forgets an upload after the idle time, and activity keeps it', async () => {
    const { sessions, advance } = clocked();
    const u = await sessions.start('user:a', 'a.csv', 10, 'CSV');
    expect(sessions.expiresAt(u)).toBe(1_000_000 + 60_000);
    advance(50_000);
    await sessions.append('user:a', u.id, 0, b64('Namn\n'));
    advance(50_000);
    // 100 s after the start, but only 50 s after the last chunk.
    expect((await sessions.append('user:a', u.id, 1, b64('Ett\n'))).receivedBytes).toBe(9);
    advance(60_001);
    expect(await refusal(() => sessions.append('user:a', u.id, 2, b64('x')))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    // The sweep removed it with its chunks: nothing of it is left in the store.
    await sessions.start('user:b', 'b.csv', 10, 'CSV');
    const left = await temp.engine.read((tx) => tx.run(meta.countNodes, {}));
    expect(left[0]?.n).toBe(0);
  });

  it('keeps a few uploads per admin (the oldest idle one makes room) and caps the bytes of all', async () => {
    const { sessions, advance } = clocked();
    const first = await sessions.start('user:a', 'a.csv', 1000, 'CSV');
    advance(1);
    const second = await sessions.start('user:a', 'b.csv', 1000, 'CSV');
    advance(1);
    const third = await sessions.start('user:a', 'c.csv', 100, 'CSV');
    expect(await refusal(() => sessions.append('user:a', first.id, 0, b64('x')))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect((await sessions.append('user:a', second.id, 0, b64('x'))).receivedBytes).toBe(1);
    expect((await sessions.append('user:a', third.id, 0, b64('x'))).receivedBytes).toBe(1);
    // 1,100 bytes held by one admin: another's 1,000 still fit, 1,500 more would not.
    await sessions.start('user:b', 'd.csv', 1000, 'CSV');
    expect(await refusal(() => sessions.start('user:c', 'e.csv', 1000, 'CSV'))).toEqual({ code: 'BAD_USER_INPUT', field: 'byteLength' });
    expect(await refusal(() => sessions.start('user:c', 'e.csv', 1001, 'CSV'))).toEqual({ code: 'BAD_USER_INPUT', field: 'byteLength' });
  });

  it('gives an upload only to its owner, and counts chunks exactly', async () => {
    const { sessions } = clocked();
    const u = await sessions.start('user:a', 'a.csv', 6, 'CSV');
    expect(await refusal(() => sessions.append('user:b', u.id, 0, b64('abc')))).toEqual({ code: 'FORBIDDEN', field: 'id' });
    expect(await refusal(() => sessions.append('user:a', u.id, 0, 'YWJ'))).toEqual({ code: 'BAD_USER_INPUT', field: 'data' });
    expect(await refusal(() => sessions.append('user:a', u.id, 0, ''))).toEqual({ code: 'BAD_USER_INPUT', field: 'data' });
    await sessions.append('user:a', u.id, 0, b64('abc'));
    expect(await refusal(() => sessions.append('user:a', u.id, 0, b64('abc')))).toEqual({ code: 'BAD_USER_INPUT', field: 'index' });
    expect(await sessions.append('user:a', u.id, 1, b64('def'))).toMatchObject({ receivedBytes: 6, nextIndex: 2 });
    expect(await refusal(() => sessions.append('user:a', u.id, 2, b64('g')))).toEqual({ code: 'CONFLICT', field: 'index' });
    expect(await refusal(() => sessions.job('user:a', 'importjob:none'))).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it('takes the same chunk once when two servers receive it at once, and either server continues the upload', async () => {
    const { all } = clocked(2);
    const [a, b] = all as [ImportSessions, ImportSessions];
    const u = await a.start('user:a', 'a.csv', 6, 'CSV');
    const both = await Promise.allSettled([a.append('user:a', u.id, 0, b64('abc')), b.append('user:a', u.id, 0, b64('abc'))]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ImportInputError);
    expect((refused.reason as ImportInputError).field).toBe('index');
    expect(await b.append('user:a', u.id, 1, b64('def'))).toMatchObject({ receivedBytes: 6, nextIndex: 2 });
    expect(await refusal(() => a.append('user:a', u.id, 2, b64('g')))).toEqual({ code: 'CONFLICT', field: 'index' });
  });

  it('reports a job whose server stopped as failed once its sign of life is stale, and no longer holds the upload', async () => {
    const { all, advance } = clocked(2);
    const [a, b] = all as [ImportSessions, ImportSessions];
    const u = await a.start('user:a', 'a.csv', 5, 'CSV');
    await a.append('user:a', u.id, 0, b64('Namn\n'));
    // A job recorded as running by a server that then died (nothing of it runs in this process).
    const jobId = 'importjob:dead';
    await temp.engine.write(async (tx) => {
      await tx.run(importJobs.create, { id: jobId, uploadId: u.id, ownerId: 'user:a', server: 'server:gone', progress: JSON.stringify({ phase: 'write', done: 3, total: 9 }), now: 1_000_000 });
    });
    await temp.engine.write((tx) => tx.run(importUploads.setJob, { id: u.id, jobId }));
    expect(await b.job('user:a', jobId)).toMatchObject({ state: 'RUNNING', progress: { phase: 'write', done: 3, total: 9 } });
    expect(await refusal(() => b.preview('user:a', u.id, null))).toEqual({ code: 'CONFLICT', field: 'id' });
    advance(STALE_JOB_MS + 1);
    const stale = await b.job('user:a', jobId);
    expect(stale.state).toBe('FAILED');
    expect(stale.error?.refusal?.reason).toBe('SERVER_STOPPED');
    expect(await refusal(() => a.job('user:b', jobId))).toEqual({ code: 'FORBIDDEN', field: 'id' });
    // The file can be previewed again (a header alone: whatever the preview says, it is not "running").
    const again = await b.preview('user:a', u.id, null).then(
      () => null,
      (error: unknown) => error,
    );
    expect(again instanceof ImportInputError ? again.refusal.reason : null).not.toBe('IMPORT_RUNNING');
  });
});
