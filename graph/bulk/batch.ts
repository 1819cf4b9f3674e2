/**
 * A batch of nodes and relationships to load in bulk: what seeds, the synthetic generator,
 * imports and backups hand to the bulk loader (graph/bulk/load.ts). Property names follow
 * graph/model/model.ts; properties a row omits are stored as null.
 */
import type { NodeLabel, RelType } from '../model/model.js';

export type PropertyValue = string | number | boolean | null | readonly string[];
export type NodeRow = { readonly id: string } & Readonly<Record<string, PropertyValue>>;

export interface RelRow {
  readonly from: string;
  readonly to: string;
  /** Needed where a relationship type connects more than one pair of labels (e.g. PARTY_TO). */
  readonly fromLabel: NodeLabel;
  readonly toLabel: NodeLabel;
  readonly props?: Readonly<Record<string, PropertyValue>>;
}

export interface GraphBatch {
  nodes: Partial<Record<NodeLabel, NodeRow[]>>;
  rels: Partial<Record<RelType, RelRow[]>>;
}

export function emptyBatch(): GraphBatch {
  return { nodes: {}, rels: {} };
}

export function batchCounts(batch: GraphBatch): { nodes: number; relationships: number } {
  let nodes = 0;
  let relationships = 0;
  for (const rows of Object.values(batch.nodes)) nodes += rows?.length ?? 0;
  for (const rows of Object.values(batch.rels)) relationships += rows?.length ?? 0;
  return { nodes, relationships };
}
