/**
 * Relationship statements for every (type, from-label, to-label) the model declares: link with
 * provenance, unlink, and read the links of many nodes at once (for DataLoader batches).
 * A person's entry (basis ENTERED) replaces the provenance of a seeded or inferred link; a seed
 * or inference never replaces a person's entry.
 *
 * cypher-generation: model-derived (labels and types are model constants, never input)
 */
import { RELATIONSHIPS, type NodeLabel, type RelType } from '../../model/model.js';
import { defineStatement, type Statement } from '../statement.js';
import { provenanceMap } from '../fragments.js';
import type { OwnedLinkRecord } from '../../model/records.js';

export interface LinkParams {
  from: string;
  to: string;
  sourceId: string;
  sourceLocator: string;
  basis: string;
  confidence: number;
  /** '' for none (a parameter keeps one type on LadybugDB): stored as null. */
  quote: string;
  rule: string;
  role: string;
  note: string;
  now: number;
  synthetic: boolean;
}

export interface PairKey {
  type: RelType;
  from: NodeLabel;
  to: NodeLabel;
}

const key = (p: PairKey) => `${p.type}:${p.from}:${p.to}`;

const LINK_EXAMPLE: LinkParams = {
  from: 'x',
  to: 'y',
  sourceId: 'src:example',
  sourceLocator: '',
  basis: 'ENTERED',
  confidence: 1,
  quote: '',
  rule: '',
  role: '',
  note: '',
  now: 0,
  synthetic: false,
};

function extraSets(type: RelType, v: string, value: (k: string) => string): string {
  const props = RELATIONSHIPS[type].properties as Record<string, unknown>;
  return ['role', 'note']
    .filter((k) => k in props)
    .map((k) => `, ${v}.${k} = ${value(k)}`)
    .join('');
}

function link(p: PairKey): Statement<LinkParams, { from: string; to: string }> {
  const keep = `(r.basis = 'ENTERED' AND $basis <> 'ENTERED')`;
  const set = (k: string, param: string) => `r.${k} = CASE WHEN ${keep} THEN r.${k} ELSE ${param} END`;
  return defineStatement({
    name: `links.${p.type}.${p.from}.${p.to}.link`,
    mode: 'write',
    cypher: `MATCH (a:${p.from} {id: $from}) MATCH (b:${p.to} {id: $to})
MERGE (a)-[r:${p.type}]->(b)
ON CREATE SET r.basis = $basis
SET ${set('sourceId', '$sourceId')}, ${set('sourceLocator', '$sourceLocator')}, ${set('confidence', '$confidence')}, ${set('quote', "CASE WHEN $quote = '' THEN NULL ELSE $quote END")}, ${set('rule', "CASE WHEN $rule = '' THEN NULL ELSE $rule END")}, ${set('recordedAt', '$now')}, ${set('synthetic', '$synthetic')}${extraSets(p.type, 'r', (k) => `CASE WHEN ${keep} THEN r.${k} ELSE $${k} END`)}, ${set('basis', '$basis')}
RETURN a.id AS from, b.id AS to`,
    example: LINK_EXAMPLE,
  });
}

function unlink(p: PairKey): Statement<{ from: string; to: string }, { n: number }> {
  return defineStatement({
    name: `links.${p.type}.${p.from}.${p.to}.unlink`,
    mode: 'write',
    cypher: `MATCH (a:${p.from} {id: $from})-[r:${p.type}]->(b:${p.to} {id: $to}) DELETE r RETURN count(*) AS n`,
    example: { from: 'x', to: 'y' },
  });
}

/** What a link shows beside the name: the relationship's note, else the target's kind or English name. */
function detailOf(p: PairKey, node: 'a' | 'b'): string {
  const props = RELATIONSHIPS[p.type].properties as Record<string, unknown>;
  if ('note' in props) return 'r.note';
  const label = node === 'a' ? p.from : p.to;
  if (label === 'TargetGroup') return `${node}.nameEn`;
  if (label === 'District' || label === 'Agreement' || label === 'Collaboration' || label === 'PublicBody') return `${node}.kind`;
  return 'NULL';
}

function outgoing(p: PairKey): Statement<{ ids: string[] }, { link: OwnedLinkRecord }> {
  const props = RELATIONSHIPS[p.type].properties as Record<string, unknown>;
  const role = 'role' in props ? 'r.role' : 'NULL';
  const detail = detailOf(p, 'b');
  return defineStatement({
    name: `links.${p.type}.${p.from}.${p.to}.outgoing`,
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (a:${p.from} {id: key})-[r:${p.type}]->(b:${p.to})
RETURN {ownerId: a.id, id: b.id, name: b.name, detail: ${detail}, role: ${role}, ${provenanceMap('r')}} AS link ORDER BY b.name, b.id`,
    example: { ids: ['x'] },
  });
}

/**
 * The links of one node. On LadybugDB a scalar `{id: $id}` start is an index lookup followed by
 * an adjacency walk (a few ms); the batched `UNWIND $ids` form is planned as a hash join over
 * the whole relationship table, which costs hundreds of ms at Sweden scale.
 */
function outgoingOne(p: PairKey): Statement<{ id: string }, { link: OwnedLinkRecord }> {
  const props = RELATIONSHIPS[p.type].properties as Record<string, unknown>;
  const role = 'role' in props ? 'r.role' : 'NULL';
  return defineStatement({
    name: `links.${p.type}.${p.from}.${p.to}.outgoingOne`,
    mode: 'read',
    cypher: `MATCH (a:${p.from} {id: $id})-[r:${p.type}]->(b:${p.to})
RETURN {ownerId: a.id, id: b.id, name: b.name, detail: ${detailOf(p, 'b')}, role: ${role}, ${provenanceMap('r')}} AS link ORDER BY b.name, b.id`,
    example: { id: 'x' },
  });
}

function incoming(p: PairKey): Statement<{ ids: string[] }, { link: OwnedLinkRecord }> {
  const props = RELATIONSHIPS[p.type].properties as Record<string, unknown>;
  const role = 'role' in props ? 'r.role' : 'NULL';
  return defineStatement({
    name: `links.${p.type}.${p.from}.${p.to}.incoming`,
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (a:${p.from})-[r:${p.type}]->(b:${p.to} {id: key})
RETURN {ownerId: b.id, id: a.id, name: a.name, detail: ${detailOf(p, 'a')}, role: ${role}, ${provenanceMap('r')}} AS link ORDER BY a.name, a.id`,
    example: { ids: ['x'] },
  });
}

const PAIRS: PairKey[] = (Object.keys(RELATIONSHIPS) as RelType[]).flatMap((type) =>
  RELATIONSHIPS[type].pairs.map(([from, to]) => ({ type, from: from as NodeLabel, to: to as NodeLabel })),
);

function table<S>(make: (p: PairKey) => S): Record<string, S> {
  return Object.fromEntries(PAIRS.map((p) => [key(p), make(p)]));
}

export const links = {
  link: table(link),
  unlink: table(unlink),
  outgoing: table(outgoing),
  outgoingOne: table(outgoingOne),
  incoming: table(incoming),
};

function get<S>(t: Record<string, S>, p: PairKey): S {
  const s = t[key(p)];
  if (!s) throw new Error(`${key(p)} is not a relationship of the model`);
  return s;
}

export const linkStatement = (p: PairKey) => get(links.link, p);
export const unlinkStatement = (p: PairKey) => get(links.unlink, p);
export const outgoingStatement = (p: PairKey) => get(links.outgoing, p);
export const outgoingOneStatement = (p: PairKey) => get(links.outgoingOne, p);
export const incomingStatement = (p: PairKey) => get(links.incoming, p);
export const MODEL_PAIRS: readonly PairKey[] = PAIRS;
