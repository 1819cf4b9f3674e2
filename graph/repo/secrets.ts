/**
 * Keys the app servers of one deployment share (graph/model Secret): made by whichever server
 * asks first, the same for all after.
 */
import { randomBytes } from 'node:crypto';
import type { GraphEngine } from '../engines/port.js';
import { secrets } from '../cypher/statements/secrets.js';

/** The shared key named `name` (32 random bytes, base64url), made now if there is none. */
export async function sharedSecret(engine: GraphEngine, name: string): Promise<string> {
  const [row] = await engine.write((tx) => tx.run(secrets.get, { id: `secret:${name}`, candidate: randomBytes(32).toString('base64url'), now: Date.now() }));
  return row!.value;
}
