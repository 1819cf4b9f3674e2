/**
 * Finding a quotation in a source's text despite OCR. Both sides are reduced to a skeleton:
 * markup tags dropped, accents removed, lower case, the letters OCR confuses in these documents
 * (å/ä/ö read as a, d, e, é, 6, o; i read as l or 1) made classes, and everything but letters and digits removed
 * (so line breaks, hyphenation and punctuation do not matter). A quote may leave text out with
 * "..." or "…": each part must then be found, in order.
 */

/** HTML tags the text extraction left (<sup>, <b>, <p>…), not other text in angle brackets such as <https://…>. */
const TAGS = /<\/?[a-z][a-z0-9]*(\s[^>]*)?>/gi;
const MARKS = /\p{M}+/gu;
const CONFUSED = /[aeod6]/g;
const CONFUSED_I = /[il1]/g;
const NOT_ALNUM = /[^0-9a-z]/g;

export function quoteSkeleton(text: string): string {
  return text.replace(TAGS, '').normalize('NFKD').replace(MARKS, '').toLowerCase().replace(CONFUSED, 'a').replace(CONFUSED_I, 'i').replace(NOT_ALNUM, '');
}

/** The quote's parts as skeletons (split at elisions), without empty ones. */
export function quoteParts(quote: string): string[] {
  return quote
    .split(/\.\.\.|…/)
    .map(quoteSkeleton)
    .filter((p) => p.length > 0);
}

/** Whether `quote` occurs in a text whose skeleton is `skeleton` (parts in order). */
export function quoteFound(quote: string, skeleton: string): boolean {
  const parts = quoteParts(quote);
  if (!parts.length) return false;
  let from = 0;
  for (const p of parts) {
    const at = skeleton.indexOf(p, from);
    if (at < 0) return false;
    from = at + p.length;
  }
  return true;
}
