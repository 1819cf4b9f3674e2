/** Keys the app servers of a deployment share (graph/repo/secrets.ts). */
import { defineStatement } from '../statement.js';

export const secrets = {
  /** The key, made from `candidate` if there is none yet (MERGE on the unique id: one for every asker). */
  get: defineStatement<{ id: string; candidate: string; now: number }, { value: string }>({
    name: 'secrets.get',
    mode: 'write',
    cypher: 'MERGE (s:Secret {id: $id}) ON CREATE SET s.value = $candidate, s.createdAt = $now RETURN s.value AS value',
    example: { id: 'secret:example', candidate: 'x', now: 0 },
  }),
};
