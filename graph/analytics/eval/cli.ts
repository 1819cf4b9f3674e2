/**
 * `npm run eval:suggestions`: the suggestion evaluation on synthetic graphs. Prints the table and
 * writes bench-results/eval-suggestions.json. Options: --orgs N (default 3000), --seeds 1,2,3,
 * --queries N (per seed, default 500). Exits 1 if the method does not beat every baseline on
 * precision@10 and MRR.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, formatTable } from './harness.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const organisations = Number(arg('orgs') ?? 3000);
const seeds = (arg('seeds') ?? '1,2,3').split(',').map(Number);
const maxQueries = Number(arg('queries') ?? 500);

const started = performance.now();
const result = evaluate({ organisations, seeds, maxQueries });
const seconds = (performance.now() - started) / 1000;

console.log(`Suggestion evaluation: ${organisations} organisations, seeds ${seeds.join(', ')}, 20 % of collaboration edges hidden`);
for (const s of result.perSeed) {
  console.log(
    `  seed ${s.seed}: ${s.collaborationEdges} edges, ${s.hiddenEdges} hidden, ${s.queries} queries ` +
      `(${s.meanRelevant.toFixed(2)} hidden partners each: precision@10 cannot exceed ${s.precisionAt10Ceiling.toFixed(3)})`,
  );
}
console.log('');
console.log(formatTable(result));
console.log('');
console.log(
  `method beats every baseline: precision@10 ${result.methodBeatsEveryBaseline.precisionAt10 ? 'yes' : 'NO'}, MRR ${
    result.methodBeatsEveryBaseline.mrr ? 'yes' : 'NO'
  } (${seconds.toFixed(1)} s)`,
);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const out = join(root, 'bench-results', 'eval-suggestions.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ generatedAt: new Date().toISOString(), seconds, ...result }, null, 2) + '\n');
console.log(`wrote ${out}`);
if (!result.methodBeatsEveryBaseline.precisionAt10 || !result.methodBeatsEveryBaseline.mrr) process.exitCode = 1;
