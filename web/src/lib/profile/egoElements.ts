/** The ego network of one organisation as cytoscape elements: collaborations, umbrellas, suggested partners. */
import type { ElementDefinition } from 'cytoscape';

export interface EgoInput {
  self: { id: string; name: string };
  collaborations: { id: string; name: string }[];
  umbrellas: { id: string; name: string }[];
  suggestions: { organisation: { id: string; name: string }; score: number }[];
}

export type EgoKind = 'self' | 'collaboration' | 'umbrella' | 'suggestion';

export function egoElements(input: EgoInput): ElementDefinition[] {
  const nodes = new Map<string, ElementDefinition>();
  const edges: ElementDefinition[] = [];
  nodes.set(input.self.id, { data: { id: input.self.id, label: input.self.name, kind: 'self' } });
  const add = (o: { id: string; name: string }, kind: EgoKind, weight = 1) => {
    if (o.id === input.self.id) return;
    if (!nodes.has(o.id)) nodes.set(o.id, { data: { id: o.id, label: o.name, kind } });
    const id = `${kind}:${o.id}`;
    if (!edges.some((e) => e.data.id === id)) edges.push({ data: { id, source: input.self.id, target: o.id, kind, weight } });
  };
  for (const c of input.collaborations) add(c, 'collaboration');
  for (const u of input.umbrellas) add(u, 'umbrella');
  for (const s of input.suggestions) add(s.organisation, 'suggestion', s.score);
  return [...nodes.values(), ...edges];
}
