/**
 * Parameters only: Cypher text is never built from user input. This test reads the source:
 * raw Cypher execution lives only in the engine, bulk and schema modules; statements that
 * interpolate anything are generated from model constants (marked as such), and what they
 * interpolate is never input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['graph', 'server', 'seeds', 'web/src', 'schema'];

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'generated') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|svelte)$/.test(e.name)) out.push(p);
    }
  };
  for (const d of SCANNED) walk(path.join(ROOT, d));
  return out;
}

const rel = (f: string) => path.relative(ROOT, f);
const CYPHER_CLAUSE = /\b(MATCH|MERGE|CREATE|DELETE|DETACH|UNWIND|RETURN|SET|COPY|ALTER)\b/;
/** Template literals with at least one interpolation. */
const TEMPLATE_WITH_INTERPOLATION = /`(?:[^`\\]|\\.)*\$\{(?:[^`\\]|\\.)*`/gs;
/** Names that hold input somewhere in this code base: they must never appear inside Cypher text. */
const INPUT_NAMES = /\$\{[^}]*\b(input|args|filter|req|request|body|query|variables|row|rows|text|name|value|params)\b[^}]*\}/;
const RAW_EXECUTION = /\.(query|querySync|exec|prepare)\(|session\.run\(|\bmtx\.run\(/;
const RAW_ALLOWED = ['graph/engines/', 'graph/bulk/', 'graph/schema/'];
const GENERATION_MARKER = 'cypher-generation: model-derived';
const FRAGMENT_MODULES = ['graph/cypher/fragments.ts', 'graph/cypher/dialect.ts', 'graph/cypher/statement.ts'];

describe('no string-built Cypher', () => {
  const files = sourceFiles();

  it('scans the application source', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('executes raw Cypher text only in the engine, bulk and schema modules', () => {
    const offenders = files
      .filter((f) => !RAW_ALLOWED.some((a) => rel(f).startsWith(a)))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, i }))
          .filter(({ line }) => RAW_EXECUTION.test(line) && !/\/\/|^\s*\*/.test(line.trimStart().slice(0, 2)))
          .map(({ i }) => `${rel(f)}:${i + 1}`),
      )
      // Unrelated methods that share a name: RegExp.exec, URLSearchParams, etc. are not Cypher.
      .filter((where) => !/\.test\.ts:/.test(where));
    const cypherish = offenders.filter((where) => {
      const [file, line] = where.split(':');
      const text = fs.readFileSync(path.join(ROOT, file!), 'utf8').split('\n')[Number(line) - 1]!;
      // RegExp#exec on a regex literal or a constant is not Cypher.
      return !/(\/[gimsuy]*|\b(RegExp|regex|re|pattern|[A-Z_]+))\.exec\(/.test(text);
    });
    expect(cypherish).toEqual([]);
  });

  it('interpolates into Cypher only in model-derived generators and fragment modules, never input', () => {
    const problems: string[] = [];
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(TEMPLATE_WITH_INTERPOLATION)) {
        const literal = m[0];
        if (!CYPHER_CLAUSE.test(literal.replace(/\$\{[^}]*\}/g, ''))) continue;
        const where = `${rel(f)}:${src.slice(0, m.index).split('\n').length}`;
        if (!src.includes(GENERATION_MARKER) && !FRAGMENT_MODULES.includes(rel(f)) && !isStatementFile(f, literal)) {
          problems.push(`${where}: Cypher with interpolation outside a model-derived generator`);
        }
        if (INPUT_NAMES.test(literal)) problems.push(`${where}: interpolates an input-like name: ${literal.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('would catch a statement built from input', () => {
    const bad = 'const q = `MATCH (o:Organisation {name: "${input.name}"}) RETURN o`;';
    const literal = bad.match(TEMPLATE_WITH_INTERPOLATION)![0];
    expect(CYPHER_CLAUSE.test(literal)).toBe(true);
    expect(INPUT_NAMES.test(literal)).toBe(true);
    expect(RAW_EXECUTION.test('await conn.query(`MATCH (n) RETURN n`)')).toBe(true);
  });
});

/** Statement files interpolate only fragments and dialect pairs imported from the fragment modules. */
function isStatementFile(f: string, literal: string): boolean {
  if (!rel(f).startsWith('graph/cypher/statements/')) return false;
  const names = [...literal.matchAll(/\$\{\s*([A-Za-z_][\w.]*)/g)].map((m) => m[1]!);
  return names.every((n) => /^(dialect\.|provenanceMap|linkMap|ORGANISATION_|AFTER_CURSOR|AGREEMENT_MAP|COLLABORATION_MAP|DISTRICT_MAP|SOURCE_MAP|LIST_TAIL|[A-Z]+_MAP\b)/.test(n));
}
