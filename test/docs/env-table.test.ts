/**
 * The README is the manual: its Environment table lists exactly the environment variables the
 * code reads (in server/, graph/, tools/, seeds/ and bench/), it stays under 250 lines, and every
 * relative link in it and in docs/ points at a file or folder that exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CODE_DIRS = ['server', 'graph', 'tools', 'seeds', 'bench'];
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'data', 'build', '.svelte-kit']);

const NAME = '[A-Z][A-Z0-9_]*';
/**
 * The ways the code reads a variable: `process.env['X']`, `process.env.X`, `env['X']` / `env.X`
 * on a `NodeJS.ProcessEnv` parameter, a helper handed the environment and a name
 * (`required(env, 'X')`), and destructuring (`const { X } = process.env`). Object keys in an
 * environment handed to a child process (`env: { ...process.env, X: '1' }`) are writes, not reads.
 */
const READS = [
  new RegExp(`\\benv\\s*\\[\\s*['"\`](${NAME})['"\`]\\s*\\]`, 'g'),
  new RegExp(`\\benv\\??\\.(${NAME})\\b`, 'g'),
  new RegExp(`\\benv\\s*,\\s*['"\`](${NAME})['"\`]`, 'g'),
];
const DESTRUCTURED = /\{([^{}]*)\}\s*=\s*process\.env\b/g;

export function envReads(source: string): Set<string> {
  const names = new Set<string>();
  for (const pattern of READS) for (const m of source.matchAll(pattern)) names.add(m[1]!);
  for (const m of source.matchAll(DESTRUCTURED)) {
    for (const part of m[1]!.split(',')) {
      const key = part.split(/[:=]/)[0]!.trim();
      if (new RegExp(`^${NAME}$`).test(key)) names.add(key);
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...sourceFiles(p));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Variable name → the files that read it. */
function readsInCode(): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  for (const dir of CODE_DIRS) {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const file of sourceFiles(abs)) {
      for (const name of envReads(fs.readFileSync(file, 'utf8'))) {
        reads.set(name, [...(reads.get(name) ?? []), path.relative(ROOT, file)]);
      }
    }
  }
  return reads;
}

/** The names in the first column of the README's Environment table (a cell may name several). */
export function environmentTable(readme: string): Set<string> {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^##\s+Environment\s*$/.test(l));
  if (start < 0) throw new Error('README.md has no "## Environment" section');
  const names = new Set<string>();
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(new RegExp(`\`(${NAME})\``, 'g'))) names.add(m[1]!);
  }
  return names;
}

function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Relative link targets of a Markdown file (inline links and images), anchors and queries cut off. */
export function relativeLinks(markdown: string): string[] {
  const out: string[] = [];
  for (const m of withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
    out.push(decodeURIComponent(target.replace(/[#?].*$/, '')));
  }
  return out;
}

const README = path.join(ROOT, 'README.md');
const readme = fs.readFileSync(README, 'utf8');

describe('the README and docs/', () => {
  it('finds reads of the environment in every form the code uses', () => {
    const sample = [
      "const a = process.env['ALPHA'];",
      'const b = process.env.BETA ?? 1;',
      "const c = env['GAMMA'];",
      "required(env, 'DELTA');",
      'const { EPSILON, ZETA: z } = process.env;',
      "spawn('x', [], { env: { ...process.env, NOT_READ: '1' } });",
      "const s = 'process.env is lower case here: env.foo';",
    ].join('\n');
    expect([...envReads(sample)].sort()).toEqual(['ALPHA', 'BETA', 'DELTA', 'EPSILON', 'GAMMA', 'ZETA']);
  });

  const reads = readsInCode();
  const table = environmentTable(readme);

  it('lists in its Environment table every environment variable the code reads', () => {
    expect(reads.size).toBeGreaterThan(20);
    const missing = [...reads.keys()].filter((n) => !table.has(n)).sort().map((n) => `${n} (read in ${reads.get(n)!.join(', ')})`);
    expect(missing, 'read by the code but missing from the README Environment table').toEqual([]);
  });

  it('lists in its Environment table no variable the code does not read', () => {
    const unread = [...table].filter((n) => !reads.has(n)).sort();
    expect(unread, 'in the README Environment table but read nowhere in server/, graph/, tools/, seeds/, bench/').toEqual([]);
  });

  it('is under 250 lines', () => {
    expect(readme.split('\n').length).toBeLessThan(250);
  });

  it('links only to files that exist (README.md and docs/*.md)', () => {
    const docsDir = path.join(ROOT, 'docs');
    const files = [README, ...fs.readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => path.join(docsDir, f))];
    expect(files.length).toBeGreaterThan(1);
    const broken: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const target of relativeLinks(fs.readFileSync(file, 'utf8'))) {
        if (!target) continue;
        checked++;
        if (!fs.existsSync(path.resolve(path.dirname(file), target))) broken.push(`${path.relative(ROOT, file)} → ${target}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });
});
