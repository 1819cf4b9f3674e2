/**
 * The facts file's columns and fact names, shared by its export (graph/io/export/csv.ts) and its
 * import (graph/io/import/facts-file.ts): one row per fact, each with its own provenance.
 */
import type { AboutField } from '../model/facts.js';

export const LINK_COLUMNS = [
  'organisation',
  'organisationens namn',
  'uppgift',
  'värde',
  'värdets id',
  'roll',
  'slag',
  'anteckning',
  'indelning',
  'grund',
  'säkerhet',
  'regel',
  'källa',
  'källans titel',
  'källans datum',
  'var i källan',
  'citat',
  'registrerad',
  'syntetisk',
] as const;

export type FactColumn = (typeof LINK_COLUMNS)[number];

/** The facts about an organisation beyond its name, each with its own provenance, by their Swedish names. */
export const ABOUT_KIND: Record<AboutField, string> = { description: 'beskrivning', legalForm: 'juridisk form', website: 'webbplats', status: 'status' };

/** The record's own facts: its name (with the record's provenance), each alias, and details the record's source covers. */
export const RECORD_KIND = { name: 'namn', alias: 'alternativt namn', orgNumber: 'organisationsnummer', address: 'adress', statusSince: 'status sedan' } as const;

/**
 * Excel runs a cell starting with = + - @ (or a tab/CR) as a formula: a leading apostrophe keeps it
 * text (OWASP "CSV injection"). A cell that starts with an apostrophe gets one too, so `undefuse`
 * gives back every cell exactly.
 */
export function defuse(cell: string): string {
  return /^[=+\-@\t\r']/.test(cell) ? `'${cell}` : cell;
}

/** The cell as it was before `defuse`. */
export function undefuse(cell: string): string {
  return /^'[=+\-@\t\r']/.test(cell) ? cell.slice(1) : cell;
}
