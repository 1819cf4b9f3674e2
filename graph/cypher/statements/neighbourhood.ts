/**
 * An organisation's 2-hop neighbourhood, the candidate set partnership suggestions start from.
 * It starts from what is specific (shared local districts, partners of partners), never from
 * the hubs (a common target group has tens of thousands of members; see
 * shared/notes/engine-baseline.md), and scores shared target groups only on those candidates.
 */
import { defineStatement } from '../statement.js';

export interface NeighbourRow {
  id: string;
  shared: number;
  sharedTargetGroups: number;
}

export const neighbourhood = {
  /** Organisations active in the same stadsdel or stadsdelsområde, with the target groups they share. */
  localPeers: defineStatement<{ id: string; limit: number }, NeighbourRow>({
    name: 'neighbourhood.localPeers',
    mode: 'read',
    cypher: `MATCH (o:Organisation {id: $id})-[:ACTIVE_IN]->(d:District)<-[:ACTIVE_IN]-(p:Organisation)
WHERE p.id <> o.id AND d.kind IN ['STADSDEL', 'STADSDELSOMRADE']
WITH o, p, count(DISTINCT d) AS shared
OPTIONAL MATCH (p)-[:SERVES]->(t:TargetGroup)<-[:SERVES]-(o)
RETURN p.id AS id, shared, count(DISTINCT t) AS sharedTargetGroups
ORDER BY sharedTargetGroups DESC, shared DESC, id LIMIT $limit`,
    example: { id: 'org:example', limit: 100 },
  }),
  /**
   * Partners and partners of partners through collaborations, with how many paths lead to each.
   * A path uses each relationship once: Neo4j matches that way, LadybugDB would walk back to the
   * partner itself (q = p), so the statement says so.
   */
  partnersOfPartners: defineStatement<{ id: string; limit: number }, NeighbourRow>({
    name: 'neighbourhood.partnersOfPartners',
    mode: 'read',
    cypher: `MATCH (o:Organisation {id: $id})-[:PARTICIPATES_IN]->(:Collaboration)<-[:PARTICIPATES_IN]-(p:Organisation)
WHERE p.id <> o.id
WITH o, collect(DISTINCT p) AS partners
UNWIND partners AS p
MATCH (p)-[:PARTICIPATES_IN]->(:Collaboration)<-[:PARTICIPATES_IN]-(q:Organisation)
WHERE q.id <> o.id AND q.id <> p.id
WITH o, q, count(*) AS shared
OPTIONAL MATCH (q)-[:SERVES]->(t:TargetGroup)<-[:SERVES]-(o)
RETURN q.id AS id, shared, count(DISTINCT t) AS sharedTargetGroups
ORDER BY shared DESC, sharedTargetGroups DESC, id LIMIT $limit`,
    example: { id: 'org:example', limit: 100 },
  }),
};
