/**
 * `npm run bench:graph`: loads the synthetic Sweden-scale graph (250,000 organisations, about
 * 2.5 million relationships) into a fresh embedded store and measures load throughput and the
 * p50/p95 of (a) organisations serving a target group in a district, first page of 50,
 * (b) one organisation's full profile, (c) the 2-hop neighbourhood suggestions start from.
 * Prints a table and writes bench-results/graph.json. Targets: load < 120 s; (a), (b) p95 < 20 ms; (c) p95 < 100 ms.
 *
 * Queries are measured through the repositories (what the API calls) with the read model warm,
 * as the server runs; the read model's warm-up is reported apart from the load. With
 * `--engine-only` they are measured on the engine path too, for comparison.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { storeOver } from '../../graph/store.js';
import { openSwedenStore } from './sweden-store.js';
import { measure, type Latency } from './stats.js';
import type { GraphStore } from '../../graph/store.js';
import { drawSamples } from './samples.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '300' },
    organisations: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'engine-only': { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const samples = Number(values.samples);

const progress = (what: string) => console.error(`[bench:graph] ${what}`);
progress('generating and loading the Sweden-scale graph');
const sweden = await openSwedenStore(seed, { fresh: !values.reuse, ...(values.organisations ? { organisations: Number(values.organisations) } : {}) });
const { engine, stats, seedBatch } = sweden;
try {
  const loaded = sweden.load ?? { nodes: stats.nodes, relationships: stats.relationships, bulkLoadMs: NaN, generationMs: NaN, totalMs: NaN };
  const generatedMs = loaded.generationMs;
  const totalLoadMs = loaded.totalMs;
  progress(`loaded: ${JSON.stringify(loaded)}`);

  // Query samples drawn from the data: an organisation, one of its target groups, one of its local districts.
  const { pairs, sampleOrgs } = drawSamples(sweden.batch!, seedBatch, seed, samples);
  // The generated batch is not needed any more: free it before the read model loads and timing starts.
  sweden.batch = null;

  const schema = { from: 1, to: 1, columnsAdded: [] };
  const queries = (store: GraphStore) => ({
    // (a) as the API asks it: the repository expands the target group to its narrower groups and
    // the district to the districts inside it, then answers the first page of 50 and the total.
    a_search: (i: number) => store.organisations.list({ targetGroups: [pairs[i % pairs.length]!.tg], districts: [pairs[i % pairs.length]!.d] }, { first: 50 }),
    b_profile: (i: number) => store.organisations.profile(sampleOrgs[i]!),
    c_neighbourhood: (i: number) => store.organisations.neighbourhood(sampleOrgs[i]!, 200),
  });

  progress('warming the read model');
  const served = storeOver(engine, schema, { readModel: true });
  const warmStarted = performance.now();
  const model = await served.readModel!.warm();
  const warmUpMs = performance.now() - warmStarted;
  if (!model) throw new Error('the read model did not warm up');
  progress(`read model warm in ${(warmUpMs / 1000).toFixed(1)} s: ${JSON.stringify(served.readModel!.lastLoad)}`);

  const results: Record<string, Latency & { servedBy: string }> = {};
  for (const [name, run] of Object.entries(queries(served))) {
    progress(`${name} (read model)`);
    const servedBy = served.readModel!.ready ? 'read model' : 'engine';
    results[name] = { ...(await measure(samples, run)), servedBy };
    if (!served.readModel!.ready) throw new Error(`the read model went cold during ${name}`);
  }
  if (values['engine-only']) {
    const direct = storeOver(engine, schema);
    for (const [name, run] of Object.entries(queries(direct))) {
      progress(`${name} (engine)`);
      results[`${name}_engine`] = { ...(await measure(Math.min(samples, 100), run)), servedBy: 'engine' };
    }
  }
  const heapMiB = Math.round(process.memoryUsage().heapUsed / 1024 ** 2);
  await served.readModel!.close();

  const report = {
    benchmark: 'graph',
    engine: 'embedded (LadybugDB 0.19.1)',
    machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
    at: new Date().toISOString(),
    seed,
    graph: { nodes: loaded.nodes, relationships: loaded.relationships, organisations: stats.organisations, relsByType: stats.relsByType },
    load: {
      generationMs: Math.round(generatedMs),
      bulkLoadMs: Math.round(loaded.bulkLoadMs),
      totalMs: Math.round(totalLoadMs),
      rowsPerSecond: Math.round((loaded.nodes + loaded.relationships) / (loaded.bulkLoadMs / 1000)),
      targetMs: 120_000,
    },
    readModel: { warmUpMs: Math.round(warmUpMs), warmUpCpuMs: Math.round(served.readModel!.lastLoad?.cpuMs ?? NaN), ...served.readModel!.lastLoad, ms: undefined, cpuMs: undefined, heapMiB },
    latencyMs: results,
    targets: { a_search_p95: 20, b_profile_p95: 20, c_neighbourhood_p95: 100, loadMs: 120_000 },
  };
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/graph.json', JSON.stringify(report, null, 2));
  console.log(`graph benchmark, ${report.graph.nodes} nodes and ${report.graph.relationships} relationships (seed ${seed})`);
  console.log(`read model: warm in ${(warmUpMs / 1000).toFixed(1)} s (${((served.readModel!.lastLoad?.cpuMs ?? NaN) / 1000).toFixed(1)} s CPU; ${model.size} organisations; heap ${heapMiB} MiB), not counted in the load`);
  console.log(`load: generated in ${(generatedMs / 1000).toFixed(1)} s, bulk-loaded in ${(loaded.bulkLoadMs / 1000).toFixed(1)} s (${report.load.rowsPerSecond} rows/s), total ${(totalLoadMs / 1000).toFixed(1)} s (target 120 s)`);
  console.log('query                      p50 ms   p95 ms   max ms   target p95   served by');
  const target = (k: string) => (k.startsWith('c_') ? '100' : '20');
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(26)} ${String(v.p50).padStart(7)} ${String(v.p95).padStart(8)} ${String(v.max).padStart(8)}   ${target(k).padStart(10)}   ${v.servedBy}`);
  console.log('written to bench-results/graph.json');
} finally {
  await engine.close();
}

