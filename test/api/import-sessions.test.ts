/** Upload sessions of the import API on a fake clock: expiry, the per-admin and total caps, ownership. */
import { describe, expect, it } from 'vitest';
import type { GraphEngine } from '../../graph/engines/port.js';
import { ImportInputError, ImportSessions, NotYoursError } from '../../server/graphql/import-sessions.js';

// Uploads and chunks never reach the store; only preview and commit do (tested over HTTP in import-api).
const engine = {} as GraphEngine;
const limits = { maxBytes: 1000, perUser: 2, totalBytes: 2500, idleMs: 60_000 };
const b64 = (s: string) => Buffer.from(s).toString('base64');

function clocked() {
  let now = 1_000_000;
  const sessions = new ImportSessions(engine, limits, () => now);
  return { sessions, advance: (ms: number) => (now += ms) };
}

function refusal(work: () => unknown): { code: string; field: string | undefined } {
  try {
    work();
  } catch (error) {
    if (error instanceof ImportInputError) return { code: error.code, field: error.field };
    if (error instanceof NotYoursError) return { code: 'FORBIDDEN', field: error.field };
    throw error;
  }
  throw new Error('was not refused');
}

describe('import upload sessions', () => {
  it('forgets an upload after the idle time, and activity keeps it', () => {
    const { sessions, advance } = clocked();
    const u = sessions.start('user:a', 'a.csv', 10, 'CSV');
    expect(sessions.expiresAt(u)).toBe(1_000_000 + 60_000);
    advance(50_000);
    sessions.append('user:a', u.id, 0, b64('Namn\n'));
    advance(50_000);
    // 100 s after the start, but only 50 s after the last chunk.
    expect(sessions.append('user:a', u.id, 1, b64('Ett\n')).receivedBytes).toBe(9);
    advance(60_001);
    expect(refusal(() => sessions.append('user:a', u.id, 2, b64('x')))).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it('keeps a few uploads per admin (the oldest idle one makes room) and caps the bytes of all', () => {
    const { sessions, advance } = clocked();
    const first = sessions.start('user:a', 'a.csv', 1000, 'CSV');
    advance(1);
    const second = sessions.start('user:a', 'b.csv', 1000, 'CSV');
    advance(1);
    const third = sessions.start('user:a', 'c.csv', 100, 'CSV');
    expect(refusal(() => sessions.append('user:a', first.id, 0, b64('x')))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect(sessions.append('user:a', second.id, 0, b64('x')).receivedBytes).toBe(1);
    expect(sessions.append('user:a', third.id, 0, b64('x')).receivedBytes).toBe(1);
    // 1,100 bytes held by one admin: another's 1,000 still fit, 1,500 more would not.
    sessions.start('user:b', 'd.csv', 1000, 'CSV');
    expect(refusal(() => sessions.start('user:c', 'e.csv', 1000, 'CSV'))).toEqual({ code: 'BAD_USER_INPUT', field: 'byteLength' });
    expect(refusal(() => sessions.start('user:c', 'e.csv', 1001, 'CSV'))).toEqual({ code: 'BAD_USER_INPUT', field: 'byteLength' });
  });

  it('gives an upload only to its owner, and counts chunks exactly', () => {
    const { sessions } = clocked();
    const u = sessions.start('user:a', 'a.csv', 6, 'CSV');
    expect(refusal(() => sessions.append('user:b', u.id, 0, b64('abc')))).toEqual({ code: 'FORBIDDEN', field: 'id' });
    expect(refusal(() => sessions.append('user:a', u.id, 0, 'YWJ'))).toEqual({ code: 'BAD_USER_INPUT', field: 'data' });
    expect(refusal(() => sessions.append('user:a', u.id, 0, ''))).toEqual({ code: 'BAD_USER_INPUT', field: 'data' });
    sessions.append('user:a', u.id, 0, b64('abc'));
    expect(refusal(() => sessions.append('user:a', u.id, 0, b64('abc')))).toEqual({ code: 'BAD_USER_INPUT', field: 'index' });
    expect(sessions.append('user:a', u.id, 1, b64('def'))).toMatchObject({ receivedBytes: 6, nextIndex: 2 });
    expect(refusal(() => sessions.append('user:a', u.id, 2, b64('g')))).toEqual({ code: 'CONFLICT', field: 'index' });
    expect(refusal(() => sessions.job('user:a', 'importjob:none'))).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });
});
