/**
 * Search relevance: Recall@10 and MRR of the organisations the judged queries (queries.json)
 * should find, through the repository the API calls, on whichever store it is given.
 */
import fs from 'node:fs';
import type { GraphStore } from '../../graph/store.js';

export interface JudgedQuery {
  q: string;
  relevant: string[];
}

export interface QueryResult extends JudgedQuery {
  top: string[];
  recall: number;
  reciprocalRank: number;
}

export interface SearchEval {
  queries: number;
  recallAt10: number;
  mrr: number;
  results: QueryResult[];
}

export function judgedQueries(): JudgedQuery[] {
  return (JSON.parse(fs.readFileSync(new URL('./queries.json', import.meta.url), 'utf8')) as { queries: JudgedQuery[] }).queries;
}

export async function evaluateSearch(store: GraphStore, queries = judgedQueries()): Promise<SearchEval> {
  const results: QueryResult[] = [];
  for (const judged of queries) {
    const top = (await store.organisations.list({ text: judged.q }, { first: 10 })).nodes.map((o) => o.id);
    const relevant = new Set(judged.relevant);
    const found = top.filter((id) => relevant.has(id)).length;
    const first = top.findIndex((id) => relevant.has(id));
    results.push({ ...judged, top, recall: found / Math.min(relevant.size, 10), reciprocalRank: first < 0 ? 0 : 1 / (first + 1) });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { queries: results.length, recallAt10: mean(results.map((r) => r.recall)), mrr: mean(results.map((r) => r.reciprocalRank)), results };
}
