/**
 * What reverting a whole import needs (graph/repo/import-revert.ts): the properties an import
 * overwrites, read before it writes (so the import can record them) and written back by the
 * revert; the links it added removed; and the links of what it created that cite another source
 * (a sign that something else was added since, which the revert must not take with it).
 *
 * cypher-generation: model-derived (labels, types and property names are model constants, never input)
 */
import { NODES, RELATIONSHIPS, type NodeLabel, type PropertySpec, type RelType } from '../../model/model.js';
import { defineStatement, type CypherPart, type Statement } from '../statement.js';
import { dialect } from '../dialect.js';
import { IMPORT_LINKS, type ImportLinkKind } from './io.js';

/** An organisation's properties an import may overwrite (all but its identity and bookkeeping). */
export const RESTORED_ORGANISATION_PROPS = Object.keys(NODES.Organisation.properties).filter((k) => !['id', 'version', 'createdAt', 'updatedAt'].includes(k));

export interface LinkPair {
  from: string;
  to: string;
}

const KINDS = Object.keys(IMPORT_LINKS) as ImportLinkKind[];

/** `x.k = r.k`, cast on LadybugDB when the model types the property as a number or a boolean. */
function assign(target: string, key: string, spec: PropertySpec | undefined): CypherPart[] {
  const value = `r.${key}`;
  const typed = spec?.type === 'INT64' ? dialect.asInt(value) : spec?.type === 'DOUBLE' ? dialect.asDouble(value) : spec?.type === 'BOOLEAN' ? dialect.asBool(value) : null;
  return typed ? [`${target}.${key} = `, typed] : [`${target}.${key} = ${value}`];
}
const joined = (parts: CypherPart[][]): CypherPart[] => parts.flatMap((p, i) => (i ? [', ', ...p] : p));

const PAIR_EXAMPLE: LinkPair = { from: 'org:example', to: 'tg:example' };

/** The source each of these links cites now: the revert removes only links that still cite the import. */
function linkState(kind: ImportLinkKind): Statement<{ pairs: LinkPair[] }, { from: string; to: string; sourceId: string | null }> {
  const { type, to } = IMPORT_LINKS[kind];
  return defineStatement({
    name: `importRevert.linkState.${kind}`,
    mode: 'read',
    cypher: `UNWIND $pairs AS p MATCH (a:Organisation {id: p.from})-[x:${type}]->(b:${to} {id: p.to})
RETURN a.id AS from, b.id AS to, x.sourceId AS sourceId`,
    example: { pairs: [PAIR_EXAMPLE] },
  });
}

function removeLinks(kind: ImportLinkKind): Statement<{ pairs: LinkPair[] }, { n: number }> {
  const { type, to } = IMPORT_LINKS[kind];
  return defineStatement({
    name: `importRevert.removeLinks.${kind}`,
    mode: 'write',
    cypher: `UNWIND $pairs AS p MATCH (a:Organisation {id: p.from})-[x:${type}]->(b:${to} {id: p.to}) DELETE x RETURN count(*) AS n`,
    example: { pairs: [PAIR_EXAMPLE] },
  });
}

/** The node labels an import creates: their links are checked before they are deleted. */
export const CREATED_LABELS = ['Organisation', 'Agreement', 'Collaboration'] as const satisfies readonly NodeLabel[];
export type CreatedLabel = (typeof CREATED_LABELS)[number];

/** Every relationship pair that touches a created label, in either direction. */
const FOREIGN_PAIRS = (Object.keys(RELATIONSHIPS) as RelType[]).flatMap((type) =>
  RELATIONSHIPS[type].pairs.flatMap(([from, to]) =>
    CREATED_LABELS.flatMap((label) => [
      ...(from === label ? [{ label, type, pattern: `(n:${label} {id: $id})-[x:${type}]->(m:${to})` }] : []),
      ...(to === label ? [{ label, type, pattern: `(m:${from})-[x:${type}]->(n:${label} {id: $id})` }] : []),
    ]),
  ),
);

/** The first link of a node (either way) that cites another source than `sourceId`: something added after the import that created the node. */
function foreignLinks(label: CreatedLabel): Statement<{ id: string; sourceId: string }, { type: string; other: string }>[] {
  return FOREIGN_PAIRS.filter((p) => p.label === label).map((p, i) =>
    defineStatement({
      name: `importRevert.foreignLink.${label}.${i}.${p.type}`,
      mode: 'read',
      cypher: `MATCH ${p.pattern} WHERE x.sourceId IS NULL OR x.sourceId <> $sourceId RETURN '${p.type}' AS type, m.id AS other LIMIT 1`,
      example: { id: `${label.toLowerCase()}:example`, sourceId: 'src:example' },
    }),
  );
}

const ORG_PROPS = RESTORED_ORGANISATION_PROPS;

export const importRevert = {
  /** The organisations' properties an import overwrites, as they are now. */
  organisationState: defineStatement<{ ids: string[] }, { id: string; props: Record<string, unknown> }>({
    name: 'importRevert.organisationState',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (o:Organisation {id: key}) RETURN o.id AS id, {${ORG_PROPS.map((k) => `${k}: o.${k}`).join(', ')}} AS props`,
    example: { ids: ['org:example'] },
  }),
  /** Writes organisations' properties back as they were; the version goes up (an editor who read the import's state conflicts). */
  restoreOrganisations: defineStatement<{ rows: Record<string, unknown>[]; now: number }, { id: string }>({
    name: 'importRevert.restoreOrganisations',
    mode: 'write',
    cypher: [
      'UNWIND $rows AS r MATCH (o:Organisation {id: r.id})\nSET ',
      ...joined(ORG_PROPS.map((k) => assign('o', k, (NODES.Organisation.properties as Record<string, PropertySpec>)[k]))),
      ', o.updatedAt = $now, o.version = o.version + 1\nRETURN o.id AS id',
    ],
    example: {
      rows: [
        {
          id: 'org:example',
          ...Object.fromEntries(ORG_PROPS.map((k) => [k, null])),
          name: 'Exempel',
          aliases: [],
          search: 'exempel',
          sourceId: 'src:example',
          basis: 'STATED',
          confidence: 1,
          recordedAt: 0,
          synthetic: false,
        },
      ],
      now: 0,
    },
  }),
  linkState: Object.fromEntries(KINDS.map((k) => [k, linkState(k)])) as Record<ImportLinkKind, ReturnType<typeof linkState>>,
  removeLinks: Object.fromEntries(KINDS.map((k) => [k, removeLinks(k)])) as Record<ImportLinkKind, ReturnType<typeof removeLinks>>,
  foreignLinks: Object.fromEntries(CREATED_LABELS.map((l) => [l, foreignLinks(l)])) as Record<CreatedLabel, ReturnType<typeof foreignLinks>>,
  /** An import's source, when the revert leaves nothing citing it (the import created it). */
  deleteSource: defineStatement<{ id: string }, Record<string, never>>({
    name: 'importRevert.deleteSource',
    mode: 'write',
    cypher: 'MATCH (s:Source {id: $id}) DETACH DELETE s',
    example: { id: 'src:import:example' },
  }),
};
