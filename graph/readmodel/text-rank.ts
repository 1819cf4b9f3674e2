/**
 * A text search ranked on the read model, in the order graph/search/rank.ts gives from ids. The
 * organisations linked to the entries a query names are read as bits by rank (per entry, the
 * first `linkedLimit` each of its filters selects), a word at a time, each organisation's links
 * being which entries' bits hold it (a mask: LinkPatterns); the text hits, a few hundred, one by
 * one. Ties go by rank, the (name, id) order: of equals met in rank order the first kept stay,
 * so the rest are turned away by one comparison, without a record or an id read.
 * Synchronous from `ranked()` to the last rank read: ranks change with the next write.
 */
import type { Token } from '../search/analyze.js';
import type { Hit, SearchHits } from '../search/hits.js';
import type { Meant } from '../search/meant.js';
import { TopPage } from '../search/page.js';
import type { Ranked } from '../search/rank.js';
import { LinkPatterns, hitWords } from '../search/tally.js';
import type { OrganisationFilter } from '../validation/inputs.js';
import { popcount32, wordsFor, type Bits } from './bitset.js';
import type { ReadModel } from './model.js';
import { keeps, orSelected, rankFilter } from './queries.js';

/** The text hits' ranks as bits during a search (cleared after it): one scratch for all searches, which are synchronous. */
let textBits = new Uint32Array(0);

/**
 * The ranks of the last index's documents, by number (SearchHits.numbering), and the model and
 * numbering of ranks (ReadModel.rankings) they were read in: a hit's rank without looking its id
 * up among 250,000 organisations, while the ranks stand.
 */
let numbering: object | null = null;
let rankModel: ReadModel | null = null;
let rankOfDoc = new Int32Array(0);
let rankingOfDoc = new Uint32Array(0);

function rankOf(model: ReadModel, h: Hit): number {
  const d = h.doc;
  if (d !== undefined && d < rankOfDoc.length && rankingOfDoc[d] === model.rankings) return rankOfDoc[d]!;
  const e = model.orgs.get(h.id);
  if (!e) return -1;
  if (d !== undefined) {
    if (d >= rankOfDoc.length) {
      const size = Math.max(d + 1, rankOfDoc.length * 2, 1024);
      const ranks = new Int32Array(size);
      ranks.set(rankOfDoc);
      const rankings = new Uint32Array(size);
      rankings.set(rankingOfDoc);
      rankOfDoc = ranks;
      rankingOfDoc = rankings;
    }
    rankOfDoc[d] = e.rank;
    rankingOfDoc[d] = model.rankings;
  }
  return e.rank;
}

/**
 * The best `count` organisations found that `rest` (the filter, text aside) keeps, in order, and
 * how many it keeps: the text hits, and for each meant entry the organisations its filters select.
 */
export function rankInModel(
  model: ReadModel,
  hits: SearchHits,
  meant: readonly Meant[],
  query: readonly Token[],
  filtersOf: (m: Meant) => OrganisationFilter[],
  linkedLimit: number,
  rest: OrganisationFilter | null,
  count: number,
): { ranked: Ranked[]; total: number } {
  const ordered = model.ranked();
  const words = wordsFor(ordered.length);
  const linked: Bits[] = meant.map((m) => {
    const bits = new Uint32Array(words);
    for (const f of filtersOf(m)) orSelected(model, f, linkedLimit, bits);
    return bits;
  });
  const patterns = new LinkPatterns(meant);
  const filter = rest ? rankFilter(model, rest) : null;
  const maskAt = (r: number) => {
    let mask = 0;
    for (let i = 0; i < linked.length; i++) mask |= ((linked[i]![r >>> 5]! >>> (r & 31)) & 1) << i;
    return mask;
  };
  if ((hits.numbering ?? null) !== numbering || model !== rankModel) {
    numbering = hits.numbering ?? null;
    rankModel = model;
    rankingOfDoc.fill(0);
  }
  if (textBits.length !== words) textBits = new Uint32Array(words);
  const page = new TopPage(count, (a, b) => a - b);
  let total = 0;

  // The text hits, one by one.
  const textOf = new Map<number, number>();
  const best = hits.organisations[0]?.score ?? 0;
  if (best > 0) {
    for (const h of hits.organisations) {
      const r = rankOf(model, h);
      if (r < 0 || textOf.has(r)) continue;
      const text = h.score / best;
      textOf.set(r, text);
      textBits[r >>> 5]! |= 1 << (r & 31);
      if (filter && !keeps(filter, r)) continue;
      total += 1;
      const mask = maskAt(r);
      page.offer(r, popcount32(hitWords(h, query) | patterns.words[mask]!), text + patterns.score[mask]!);
    }
  }

  // The linked, a word of bits at a time in rank order, the text hits and what the filter does
  // not keep taken out. Once the page is full of organisations as good as the best mask of links
  // can make one, the rest are only counted: any met later ties at best, and goes after.
  if (linked.length) {
    const coveredOf = Int8Array.from(patterns.words, popcount32);
    let bestMask = 1;
    for (let mask = 2; mask < patterns.score.length; mask++) {
      if ((coveredOf[mask]! - coveredOf[bestMask]! || patterns.score[mask]! - patterns.score[bestMask]!) > 0) bestMask = mask;
    }
    const bestCovered = coveredOf[bestMask]!;
    const bestScore = patterns.score[bestMask]!;
    let counting = false;
    for (let w = 0; w < words; w++) {
      let found = 0;
      for (let i = 0; i < linked.length; i++) found |= linked[i]![w]!;
      if (found === 0) continue;
      found &= ~textBits[w]!;
      if (filter) for (const b of filter.bits) found &= b[w]!;
      if (found === 0) continue;
      if (counting && !filter?.test) {
        total += popcount32(found);
        continue;
      }
      while (found !== 0) {
        const low = found & -found;
        found ^= low;
        const b = 31 - Math.clz32(low);
        const r = (w << 5) + b;
        if (filter?.test && !filter.test(r)) continue;
        total += 1;
        if (counting) continue;
        let mask = 0;
        for (let i = 0; i < linked.length; i++) mask |= ((linked[i]![w]! >>> b) & 1) << i;
        page.offer(r, coveredOf[mask]!, patterns.score[mask]!);
      }
      if (!counting) counting = page.closedTo(bestCovered, bestScore);
    }
  }
  for (const r of textOf.keys()) textBits[r >>> 5] = 0;

  const ranked = page.sorted().map(({ key: r, covered, score }) => ({
    id: ordered[r]!.record.id,
    score,
    covered,
    text: textOf.get(r) ?? 0,
    linked: patterns.linked(maskAt(r)),
  }));
  return { ranked, total };
}
