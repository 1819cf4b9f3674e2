/**
 * Text is folded for search in one place (graph/text/fold.ts). Any other accent stripping in
 * graph/, server/, seeds/ or bench/ fails here unless it is listed below with its reason.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ALLOWED: Record<string, string> = {
  'graph/text/fold.ts': 'the folding itself',
  'graph/text/quote.ts': 'quotes compared with their source (NFKD, tags and confusables too), not search folding',
  'graph/model/contact-channels.ts': 'the model imports nothing: an e-mail local part (no spaces) folded inline',
};

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'generated' ? [] : sources(rel);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [rel] : [];
  });
}

describe('text folding', () => {
  it('is done by graph/text/fold.ts alone', () => {
    const folding = ['graph', 'server', 'seeds', 'bench']
      .flatMap(sources)
      .filter((f) => /normalize\(\s*['"]NFK?D['"]\s*\)/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(folding.filter((f) => !(f in ALLOWED))).toEqual([]);
  });
});
