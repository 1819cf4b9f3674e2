/**
 * `npm run eval:suggestions`: fits the suggestion weights on training graphs of one generator
 * (--fit-on, default planted), then evaluates the method (with the weights it ships, DEFAULT_SUGGESTION_WEIGHTS) and
 * every baseline on held-out graphs of both generators. Prints the tables and writes
 * bench-results/eval-suggestions.json. Exits 1 unless the method's MRR@10 beats every baseline on
 * both generators with the 95 % interval of the difference above 0.
 *
 * Options: --orgs N (default 2500), --seeds 1,2,3, --queries N per seed (default 400),
 * --train-seeds 101,102, --fit-on planted|ecosystem, --no-fit (skip the fit).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SUGGESTION_WEIGHTS } from '../suggestions.js';
import { fitWeights, FITTED_WEIGHTS, type FittedWeight } from './fit.js';
import { evaluateGenerator, formatGenerator, formatSeeds, GENERATOR_NAMES, type GeneratorName, type GeneratorResult } from './harness.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const organisations = Number(arg('orgs') ?? 2500);
const seeds = (arg('seeds') ?? '1,2,3').split(',').map(Number);
const trainSeeds = (arg('train-seeds') ?? '101,102').split(',').map(Number);
const maxQueries = Number(arg('queries') ?? 400);
const fit = !process.argv.includes('--no-fit');
const fitOn = (arg('fit-on') ?? 'planted') as GeneratorName;
if (!GENERATOR_NAMES.includes(fitOn)) throw new Error(`--fit-on must be one of ${GENERATOR_NAMES.join(', ')}`);
if (seeds.some((s) => trainSeeds.includes(s))) throw new Error('the reported seeds must not be training seeds');

const started = performance.now();
let fitted: ReturnType<typeof fitWeights> | null = null;
if (fit) {
  // From neutral weights (every component 1), so the fit is reproducible from scratch.
  const neutral = { targetGroup: 1, district: 1, agreement: 1, umbrella: 1, triadic: 1, resource: 0.15, adjacency: 0.5, hierarchyDiscount: 0.5, distantResource: 0.2 };
  console.error(`fitting the weights on the ${fitOn} generator, training seeds ${trainSeeds.join(', ')} …`);
  fitted = fitWeights({ generator: fitOn, seeds: trainSeeds, organisations, start: neutral });
  const differs = (Object.keys(FITTED_WEIGHTS) as FittedWeight[]).filter((k) => fitted!.weights[k] !== DEFAULT_SUGGESTION_WEIGHTS[k]);
  console.log(`Fit on ${fitOn} seeds ${trainSeeds.join(', ')} (${fitted.queries} training queries, ${fitted.evaluations} evaluations): MRR@10 ${fitted.start.toFixed(3)} → ${fitted.end.toFixed(3)}`);
  console.log(`  fitted: ${JSON.stringify(fitted.weights)}`);
  console.log(differs.length === 0 ? '  the method ships these weights' : `  NOTE: the shipped weights differ in ${differs.join(', ')}`);
}

const results: GeneratorResult[] = [];
for (const generator of GENERATOR_NAMES) {
  console.error(`evaluating on ${generator} …`);
  const r = evaluateGenerator(generator, { organisations, seeds, maxQueries });
  results.push(r);
  console.log('');
  console.log(`== ${generator}: ${organisations} organisations, seeds ${seeds.join(', ')}, 20 % of collaboration pairs hidden (${r.seeds[0]!.holdout === 'time' ? 'the latest, by date' : 'at random: no dates'}); pooled over the seeds, 95 % paired-bootstrap intervals`);
  console.log(formatSeeds(r));
  console.log(formatGenerator(r));
}
const seconds = (performance.now() - started) / 1000;
const beatsAll = results.every((r) => Object.values(r.beats).every(Boolean));
console.log('');
console.log(`method beats every baseline on MRR@10 (interval of the difference above 0) on both generators: ${beatsAll ? 'yes' : 'NO'} (${seconds.toFixed(0)} s)`);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const out = join(root, 'bench-results', 'eval-suggestions.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ generatedAt: new Date().toISOString(), seconds, organisations, seeds, trainSeeds, fitOn, weights: DEFAULT_SUGGESTION_WEIGHTS, fitted, beatsAll, results }, null, 2) + '\n');
console.log(`wrote ${out}`);
if (!beatsAll) process.exitCode = 1;
