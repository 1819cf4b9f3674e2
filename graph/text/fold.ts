/**
 * Text folding for search: lower case, accents and diacritics removed ("Frälsningsarmén" →
 * "fralsningsarmen"), whitespace collapsed. Stored on nodes as `search` so the same CONTAINS
 * query is case- and accent-insensitive on both engines.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The `search` property of a node: its name and aliases, folded, separated so words don't run together. */
export function searchText(...parts: (string | null | undefined | readonly string[])[]): string {
  const flat: string[] = [];
  for (const p of parts) {
    if (!p) continue;
    if (typeof p === 'string') flat.push(p);
    else flat.push(...p);
  }
  return flat.map(fold).filter(Boolean).join(' | ');
}
