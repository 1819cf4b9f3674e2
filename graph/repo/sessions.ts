/** Session storage. Cookie values never reach the store: only their SHA-256. */
import type { GraphEngine } from '../engines/port.js';
import { sessions, type SessionRecord } from '../cypher/statements/sessions.js';
import { users, type UserRecord } from '../cypher/statements/users.js';

export class SessionRepository {
  constructor(private readonly engine: GraphEngine) {}

  /** Stores a new session and records the sign-in, in one transaction; other sessions of the user are kept. */
  async create(session: SessionRecord, replaces: string | null): Promise<void> {
    await this.engine.write(async (tx) => {
      if (replaces) await tx.run(sessions.delete, { id: replaces });
      // Expired sessions are swept at each sign-in, so the table holds only live ones.
      await tx.run(sessions.deleteExpired, { now: session.createdAt });
      await tx.run(sessions.create, session);
      await tx.run(users.recordSignIn, { id: session.userId, now: session.createdAt });
    });
  }

  async find(id: string, now = Date.now()): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    return (await this.engine.read((tx) => tx.run(sessions.withUser, { id, now })))[0] ?? null;
  }

  async delete(id: string): Promise<void> {
    await this.engine.write((tx) => tx.run(sessions.delete, { id }));
  }

  async deleteExpired(now = Date.now()): Promise<number> {
    return (await this.engine.write((tx) => tx.run(sessions.deleteExpired, { now })))[0]?.n ?? 0;
  }
}
