/**
 * The coverage heat scale: every colour with its text colour meets WCAG 2.1 AA's 4.5:1 contrast
 * for normal text (the counts are written on the cells), whatever the largest count.
 */
import { describe, expect, it } from 'vitest';
import { colourScale } from '$lib/coverage/model.js';

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('coverage colour scale', () => {
  it('writes every count in a colour with at least 4.5:1 contrast on its cell', () => {
    for (const max of [1, 2, 3, 6, 7, 40, 250]) {
      const scale = colourScale(max);
      for (let n = 0; n <= max; n++) expect(contrast(scale.colour(n), scale.text(n)), `count ${n} of ${max}: ${scale.colour(n)} / ${scale.text(n)}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('darkens as the count grows', () => {
    const scale = colourScale(6);
    const l = [0, 1, 2, 3, 4, 5, 6].map((n) => luminance(scale.colour(n)));
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);
  });
});
