/**
 * String order as the engine sorts (`ORDER BY o.name, o.id`, `o.name > $afterName`): by Unicode
 * code point, which is LadybugDB's byte order of UTF-8. JavaScript's `<` compares UTF-16 code
 * units, which differs only where a character above U+FFFF (a surrogate pair) meets one in
 * U+E000–U+FFFF; this comparison corrects that case. NULL sorts after every string.
 */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
  }
  return a.length - b.length;
}

/** Surrogates (U+D800–DFFF) stand for code points above U+FFFF: rank them after U+E000–FFFF. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
