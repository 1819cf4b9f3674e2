/**
 * Finds the existing organisation an imported row is about: by organisation number, then by
 * normalised name or alias, then by fuzzy name (spelling and OCR variants: "Fralsningsarmén",
 * "Stadsmissionen" for "Stockholms Stadsmission", "Frälsningsarrnén"). Name matches are only
 * proposals: the import applies them when a person confirms them.
 */
import { distance } from 'fastest-levenshtein';
import { fold } from '../../text/fold.js';

export interface ExistingOrganisation {
  id: string;
  name: string;
  aliases: string[];
  orgNumber: string | null;
}

export type MatchReason = 'id' | 'orgNumber' | 'name' | 'alias' | 'fuzzy';

export interface MatchCandidate {
  id: string;
  name: string;
  orgNumber: string | null;
  score: number;
  reason: MatchReason;
  /** The name or alias of the existing organisation that matched. */
  matched: string;
}

/** Fuzzy candidates below this score are not proposed. */
export const FUZZY_THRESHOLD = 0.75;
const MAX_CANDIDATES = 3;
/** Blocking keys shared by more organisations than this are too common to narrow anything ("sto" of Stockholm). */
const COMMON_KEY = 2_000;
/** At most this many blocked organisations are scored per name. */
const SCORED = 50;

/** Words that say what kind of body it is rather than which one. */
const STOP_WORDS = new Set(['i', 'och', 'for', 'av', 'pa', 'the', 'of', 'and', 'in', 'ideell', 'ideella', 'forening', 'foreningen', 'stiftelsen', 'stiftelse', 'ek', 'ekonomisk', 'ab']);

/** Folded, OCR confusions undone (0→o, 1→l, rn→m, vv→w), punctuation dropped. */
export function matchKey(name: string): string {
  return fold(name)
    .replace(/0/g, 'o')
    .replace(/[1|]/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function tokens(key: string): string[] {
  const all = key.split(' ').filter(Boolean);
  const meaningful = all.filter((t) => !STOP_WORDS.has(t));
  return meaningful.length ? meaningful : all;
}

/** 1 - edit distance / length; 0 without computing the distance when the lengths alone put it below `floor`. */
function ratio(a: string, b: string, floor = 0): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  if (1 - Math.abs(a.length - b.length) / max < floor) return 0;
  return 1 - distance(a, b) / max;
}

/**
 * Similarity of two match keys in [0, 1]: the better of the whole-string edit ratio and how
 * much of the shorter name's words the longer one contains (each word up to a few edits).
 */
export function similarity(aKey: string, bKey: string): number {
  return similarityOf(prepare(aKey), prepare(bKey));
}

interface Prepared {
  compact: string;
  tokens: string[];
  numbers: string;
}

function prepare(key: string): Prepared {
  return { compact: key.replace(/ /g, ''), tokens: tokens(key), numbers: (key.match(/\d+/g) ?? []).sort().join(' ') };
}

function similarityOf(a: Prepared, b: Prepared): number {
  // "Brf Solen nr 12" and "Brf Solen nr 13" are two organisations: numbers must agree.
  if (a.numbers !== b.numbers) return 0;
  const whole = ratio(a.compact, b.compact, FUZZY_THRESHOLD);
  const ta = a.tokens;
  const tb = b.tokens;
  const [small, large] = ta.join('').length <= tb.join('').length ? [ta, tb] : [tb, ta];
  const smallLen = small.join('').length;
  const largeLen = large.join('').length;
  if (!smallLen || !largeLen) return whole;
  let covered = 0;
  for (const t of small) {
    let best = 0;
    for (const u of large) best = Math.max(best, ratio(t, u, 0.75));
    if (best >= 0.75) covered += best * t.length;
  }
  const contained = (covered / smallLen) * (0.7 + 0.3 * (smallLen / largeLen));
  return Math.max(whole, contained);
}

interface Entry {
  org: ExistingOrganisation;
  names: { text: string; key: string; folded: string; alias: boolean; prepared: Prepared }[];
}

export class OrganisationMatcher {
  private readonly byNumber = new Map<string, ExistingOrganisation>();
  private readonly byFolded = new Map<string, { entry: Entry; text: string; alias: boolean }[]>();
  private readonly blocks = new Map<string, Set<number>>();
  private readonly entries: Entry[] = [];

  constructor(existing: Iterable<ExistingOrganisation>) {
    for (const org of existing) this.add(org);
  }

  /** Adds an organisation (also used for rows of the same file, so later rows find earlier ones). */
  add(org: ExistingOrganisation): void {
    if (org.orgNumber) this.byNumber.set(org.orgNumber, org);
    const entry: Entry = {
      org,
      names: [org.name, ...org.aliases].filter(Boolean).map((text, i) => {
          const key = matchKey(text);
          return { text, key, folded: fold(text), alias: i > 0, prepared: prepare(key) };
        }),
    };
    const index = this.entries.push(entry) - 1;
    for (const n of entry.names) {
      const list = this.byFolded.get(n.folded) ?? [];
      list.push({ entry, text: n.text, alias: n.alias });
      this.byFolded.set(n.folded, list);
      for (const k of blockKeys(n.key)) {
        let s = this.blocks.get(k);
        if (!s) this.blocks.set(k, (s = new Set()));
        s.add(index);
      }
    }
  }

  byOrgNumber(orgNumber: string): ExistingOrganisation | undefined {
    return this.byNumber.get(orgNumber);
  }

  /** The best existing organisations for a name, best first: exact (folded) names and aliases, then fuzzy. */
  candidates(name: string, orgNumber: string | null = null): MatchCandidate[] {
    const out = new Map<string, MatchCandidate>();
    const consider = (org: ExistingOrganisation, c: Omit<MatchCandidate, 'id' | 'name' | 'orgNumber'>) => {
      // Two different organisation numbers are two different legal entities, whatever their names.
      if (orgNumber && org.orgNumber && org.orgNumber !== orgNumber) return;
      const prev = out.get(org.id);
      if (!prev || prev.score < c.score) out.set(org.id, { id: org.id, name: org.name, orgNumber: org.orgNumber, ...c });
    };
    for (const hit of this.byFolded.get(fold(name)) ?? []) consider(hit.entry.org, { score: 1, reason: hit.alias ? 'alias' : 'name', matched: hit.text });
    const key = matchKey(name);
    const prepared = prepare(key);
    // Blocking: score only the organisations sharing the most word beginnings and endings.
    const shared = new Map<number, number>();
    const keys = blockKeys(key);
    const usable = keys.filter((k) => (this.blocks.get(k)?.size ?? 0) <= COMMON_KEY);
    for (const k of usable.length ? usable : keys) for (const i of this.blocks.get(k) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let most = 0;
    for (const n of shared.values()) if (n > most) most = n;
    const seen: number[] = [];
    for (const want of [most, most - 1]) {
      for (const [i, n] of shared) if (n === want && want > 0 && seen.length < SCORED) seen.push(i);
    }
    for (const i of seen) {
      const entry = this.entries[i]!;
      if (out.get(entry.org.id)?.score === 1) continue;
      if (orgNumber && entry.org.orgNumber && entry.org.orgNumber !== orgNumber) continue;
      let best = 0;
      let matched = entry.org.name;
      for (const n of entry.names) {
        const s = similarityOf(prepared, n.prepared);
        if (s > best) {
          best = s;
          matched = n.text;
        }
      }
      if (best >= FUZZY_THRESHOLD) consider(entry.org, { score: Math.min(0.99, Math.round(best * 100) / 100), reason: 'fuzzy', matched });
    }
    return [...out.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'sv')).slice(0, MAX_CANDIDATES);
  }
}

/** Blocking keys: the first four and last three letters of each meaningful word (digits alone are no key). */
function blockKeys(key: string): string[] {
  const out = new Set<string>();
  for (const t of tokens(key)) {
    if (t.length < 3 || /^\d+$/.test(t)) continue;
    out.add(`^${t.slice(0, 4)}`);
    out.add(`$${t.slice(-3)}`);
  }
  return [...out];
}
