/**
 * Resolves what a row names (target groups, districts, agreements, collaborations) to nodes of
 * the store: by id, else by name (case- and accent-insensitive; English names of target groups
 * too), else, for target groups, by an everyday word the taxonomy lists for one ("Hemlösa" for
 * "Personer i hemlöshet") or as the beginning of exactly one name ("Äldre med demens" for "Äldre
 * med demenssjukdom"); what is read so is said (`readAs`), so the person sees it in the preview.
 * An unknown target group or district is an error with the closest names as a hint; an unknown
 * agreement or collaboration is created by the import.
 */
import { closest, distance } from 'fastest-levenshtein';
import { fold } from '../../text/fold.js';

export interface Named {
  id: string;
  names: string[];
  /** Everyday words for it (a target group's synonyms): resolved, and said to be read as its first name. */
  words?: string[];
  /** Shown to tell same-named nodes apart ("Stockholm (MUNICIPALITY)"). */
  detail?: string | null;
}

export type Resolution = { ok: true; id: string; readAs?: string } | { ok: false; unknown: true; hint: string[] } | { ok: false; ambiguous: { id: string; kind: string | null }[] };

export class Resolver {
  private readonly byId = new Map<string, Named>();
  private readonly byName = new Map<string, Named[]>();
  private readonly folded: string[] = [];
  private readonly display = new Map<string, string>();
  private readonly byWord = new Map<string, Named[]>();
  private readonly items: Named[] = [];
  /** The shortest text read as the beginning of a name. */
  private static readonly MIN_BEGINNING = 6;
  /** Whether the beginning of exactly one name is read as that name (target groups, not places). */
  private readonly beginnings: boolean;

  /**
   * `preference`: the details (kinds) to prefer, in order, when a name names several nodes: in
   * Stockholm "Skärholmen" is both a stadsdelsområde and a stadsdel in it. `beginnings`: whether
   * the beginning of exactly one name resolves to it.
   */
  constructor(
    items: Iterable<Named>,
    private readonly preference: readonly string[] = [],
    options: { beginnings?: boolean } = {},
  ) {
    this.beginnings = options.beginnings ?? false;
    for (const item of items) this.add(item);
  }

  add(item: Named): void {
    this.byId.set(item.id, item);
    this.items.push(item);
    for (const w of item.words ?? []) {
      const key = fold(w);
      const list = this.byWord.get(key) ?? [];
      if (!list.includes(item)) list.push(item);
      this.byWord.set(key, list);
    }
    for (const n of item.names) {
      if (!n) continue;
      const key = fold(n);
      const list = this.byName.get(key) ?? [];
      if (!list.includes(item)) list.push(item);
      if (!this.byName.has(key)) {
        this.folded.push(key);
        this.display.set(key, n);
      }
      this.byName.set(key, list);
    }
  }

  resolve(text: string): Resolution {
    const byId = this.byId.get(text.trim());
    if (byId) return { ok: true, id: byId.id };
    const hits = this.byName.get(fold(text)) ?? [];
    if (hits.length === 1) return { ok: true, id: hits[0]!.id };
    if (hits.length > 1 && this.preference.length) {
      const rank = (n: Named) => {
        const i = this.preference.indexOf(n.detail ?? '');
        return i < 0 ? this.preference.length : i;
      };
      const best = Math.min(...hits.map(rank));
      const top = hits.filter((h) => rank(h) === best);
      if (top.length === 1) return { ok: true, id: top[0]!.id };
    }
    if (hits.length > 1) return { ok: false, ambiguous: hits.map((h) => ({ id: h.id, kind: h.detail ?? null })) };
    const key = fold(text);
    const words = this.byWord.get(key) ?? [];
    if (words.length === 1) return { ok: true, id: words[0]!.id, readAs: words[0]!.names[0] };
    if (words.length > 1) return { ok: false, ambiguous: words.map((h) => ({ id: h.id, kind: h.detail ?? null })) };
    if (this.beginnings && key.length >= Resolver.MIN_BEGINNING) {
      const begun = this.items.filter((item) => item.names.some((n) => n && fold(n).startsWith(key)));
      if (begun.length === 1) return { ok: true, id: begun[0]!.id, readAs: begun[0]!.names[0] };
    }
    return { ok: false, unknown: true, hint: this.hint(text) };
  }

  private hint(text: string): string[] {
    if (!this.folded.length) return [];
    const key = fold(text);
    const best = closest(key, this.folded);
    if (distance(key, best) > Math.max(3, key.length / 2)) return [];
    return [this.display.get(best) ?? best];
  }
}
