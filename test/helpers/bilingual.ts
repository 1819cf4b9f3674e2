/** Checks for a sentence said in Swedish and in English (the import's problems and refusals). */
import { expect } from 'vitest';

export interface SentenceRules {
  /** How a whole sentence starts and ends. */
  shape: RegExp;
  /** Words only English uses, and only Swedish. */
  english: RegExp;
  swedish: RegExp;
}

/** Both sentences have the shape and show every value; with the values left out, each reads as its own language. */
export function expectSwedishAndEnglish(sv: string, en: string, shows: readonly string[], rules: SentenceRules): void {
  for (const text of [sv, en]) {
    expect(text).toMatch(rules.shape);
    for (const value of shows) expect(text).toContain(value);
  }
  // The values (ids, headers, field names like "name") are not the sentence.
  const words = shows.reduce((t, v) => t.split(v).join(' '), sv);
  expect(words, sv).not.toMatch(rules.english);
  expect(sv, sv).toMatch(rules.swedish);
  expect(en, en).toMatch(rules.english);
}
