/**
 * Chooses and opens the engine from the environment: Neo4j when NEO4J_URI is set, otherwise
 * the embedded store under GRAPH_DATA_DIR (default ./data/graph).
 */
import path from 'node:path';
import type { EngineOptions, GraphEngine } from './port.js';
import { EmbeddedEngine } from './embedded.js';

export interface StoreConfig {
  engine: 'embedded' | 'neo4j';
  dataDir: string;
  /** Serve reads from the in-process read model (READ_MODEL=false: every read goes to the engine). */
  readModel?: boolean;
  /** How often a server on Neo4j polls the change feed for other servers' writes (ms). */
  feedPollMs?: number;
  neo4j?: { uri: string; user: string; password: string; database?: string };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const dataDir = path.resolve(env['GRAPH_DATA_DIR'] ?? './data/graph');
  const readModel = env['READ_MODEL'] !== 'false';
  const uri = env['NEO4J_URI'];
  if (!uri) return { engine: 'embedded', dataDir, readModel };
  const poll = Number(env['FEED_POLL_MS'] ?? '250');
  if (!Number.isInteger(poll) || poll < 10 || poll > 60_000) throw new Error(`FEED_POLL_MS must be a whole number of milliseconds from 10 to 60000, not ${JSON.stringify(env['FEED_POLL_MS'])}`);
  return {
    engine: 'neo4j',
    dataDir,
    readModel,
    feedPollMs: poll,
    neo4j: {
      uri,
      user: env['NEO4J_USER'] ?? 'neo4j',
      password: env['NEO4J_PASSWORD'] ?? '',
      ...(env['NEO4J_DATABASE'] ? { database: env['NEO4J_DATABASE'] } : {}),
    },
  };
}

export async function openEngine(config: StoreConfig, options: EngineOptions = {}): Promise<GraphEngine> {
  if (config.engine === 'neo4j' && config.neo4j) {
    // Loaded only when asked for, so the embedded default never pays for the driver.
    const { Neo4jEngine } = await import('./neo4j.js');
    return Neo4jEngine.open({ ...config.neo4j, ...options });
  }
  return EmbeddedEngine.open({ dataDir: config.dataDir, ...options });
}
