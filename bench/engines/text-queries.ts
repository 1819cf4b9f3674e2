/**
 * Text searches drawn from a generated graph, deterministic for a seed: a word of an
 * organisation's name as written, the start of one, one with a typo, and a target group's
 * everyday word with a district's name ("hemlösa Kista").
 */
import type { GraphBatch } from '../../graph/bulk/batch.js';

/** The search page's query for a text (first page of 20, with why each matched and how the text was understood). */
export const TEXT_SEARCH_QUERY = `query Text($f: OrganisationFilter) { organisations(filter: $f, first: 20) { totalCount edges { node { id name } match { score coveredWords highlights { field ranges { start end } } } } search { meant { kind id name } didYouMean } } }`;

export function drawTextQueries(batch: GraphBatch, seedBatch: GraphBatch, seed: number, count: number): string[] {
  let r = seed * 104729 + 7;
  const rnd = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const names = (batch.nodes.Organisation ?? []).map((o) => String(o['name']));
  const words = (name: string) => name.split(/[^\p{L}]+/u).filter((w) => w.length >= 5);
  const synonyms = (seedBatch.nodes.TargetGroup ?? []).flatMap((t) => ((t['synonyms'] as string[] | undefined) ?? []).filter((s) => !s.includes(' ')));
  const districts = [...(seedBatch.nodes.District ?? [])].filter((d) => d['kind'] === 'STADSDEL' || d['kind'] === 'MUNICIPALITY').map((d) => String(d['name']));
  const out: string[] = [];
  while (out.length < count) {
    const kind = out.length % 4;
    const w = words(pick(names));
    if (kind === 3) out.push(`${pick(synonyms)} ${pick(districts)}`);
    else if (!w.length) continue;
    else if (kind === 0) out.push(pick(w));
    else if (kind === 1) out.push(pick(w).slice(0, 5));
    else {
      const word = pick(w);
      const at = 1 + Math.floor(rnd() * (word.length - 2));
      out.push(word.slice(0, at) + word.slice(at + 1));
    }
  }
  return out;
}
