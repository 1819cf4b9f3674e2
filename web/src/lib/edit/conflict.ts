/**
 * After a CONFLICT: the editor's form set against the version stored since, field by field. The
 * form is rebased on the stored version: what the editor did not touch takes the stored value, what
 * they changed keeps their text, and every field they changed whose stored value differs is offered
 * as a choice (theirs by default), so nothing they typed is lost and nothing stored is overwritten
 * unseen.
 */
import { FIELDS, LINK_KINDS, linksOf, valuesOf, type Field, type LinkKind, type Links, type Organisation, type Values } from './values.js';

export interface FieldChoice {
  field: Field;
  mine: string;
  stored: string;
  /** Someone else changed it too (the stored value is not the one the editor started from). */
  storedChanged: boolean;
}

export interface LinkChoice {
  kind: LinkKind;
  mine: string[];
  stored: string[];
  storedChanged: boolean;
}

export interface Rebased {
  values: Values;
  links: Links;
  fields: FieldChoice[];
  linkKinds: LinkChoice[];
}

const same = (a: string, b: string) => a.trim() === b.trim();
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The form rebased on `latest`, and the choices to show (the editor's value selected). */
export function rebase(original: Organisation, mine: { values: Values; links: Links }, latest: Organisation): Rebased {
  const before = valuesOf(original);
  const stored = valuesOf(latest);
  const values = { ...stored };
  const fields: FieldChoice[] = [];
  for (const f of FIELDS) {
    if (same(mine.values[f], before[f])) continue; // untouched: the stored value
    values[f] = mine.values[f];
    if (!same(mine.values[f], stored[f])) fields.push({ field: f, mine: mine.values[f], stored: stored[f], storedChanged: !same(stored[f], before[f]) });
  }
  const beforeLinks = linksOf(original);
  const storedLinks = linksOf(latest);
  const links = { ...storedLinks };
  const linkKinds: LinkChoice[] = [];
  for (const k of LINK_KINDS) {
    if (sameSet(mine.links[k], beforeLinks[k])) continue;
    links[k] = [...mine.links[k]];
    if (!sameSet(mine.links[k], storedLinks[k])) linkKinds.push({ kind: k, mine: [...mine.links[k]], stored: [...storedLinks[k]], storedChanged: !sameSet(storedLinks[k], beforeLinks[k]) });
  }
  return { values, links, fields, linkKinds };
}
