/**
 * Lints statements' Neo4j form with Neo4j's own parser and semantic analysis
 * (@neo4j-cypher/language-support), against the labels, relationship types, property keys and
 * parameters the model declares.
 */
import { createRequire } from 'node:module';
import { NEO4J_LOADING_LABEL, NODES, RELATIONSHIPS, allPropertyKeys } from '../model/model.js';

// The package's ESM build uses extension-less imports Node cannot resolve; its CommonJS build works.
const { lintCypherQuery } = createRequire(import.meta.url)('@neo4j-cypher/language-support') as {
  lintCypherQuery(query: string, schema: unknown): { severity?: number; message: string; offsets: { start: number; end: number } }[];
};

export interface LintProblem {
  severity: 'error' | 'warning';
  message: string;
  at: string;
}

/** Warnings that mean the statement and the model disagree: treated as errors. */
const SCHEMA_MISMATCH = /is not present in the database|not defined/i;

export function lintNeo4j(text: string, parameters: Record<string, unknown>): LintProblem[] {
  const schema = {
    labels: [...Object.keys(NODES), NEO4J_LOADING_LABEL],
    relationshipTypes: Object.keys(RELATIONSHIPS),
    propertyKeys: allPropertyKeys(),
    parameters,
  };
  return lintCypherQuery(text, schema).map((d) => ({
    severity: d.severity === 1 || SCHEMA_MISMATCH.test(d.message) ? 'error' : 'warning',
    message: d.message,
    at: text.slice(Math.max(0, d.offsets.start - 20), d.offsets.end + 20),
  }));
}
