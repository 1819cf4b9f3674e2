/** Server settings from the environment, with the defaults a fresh clone runs on. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Seed the Stockholm graph into an empty store at start (SEED_ON_START=false to skip). */
  seedOnStart: boolean;
  /** How long shutdown waits for in-flight requests. */
  shutdownGraceMs: number;
  /** How long one GraphQL request may run before the client gets a TIMEOUT error. */
  requestTimeoutMs: number;
  /** How long an import preview (read in a worker thread, cancellable) may run. */
  longRequestTimeoutMs: number;
}

export function serverConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env['PORT']}`);
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    seedOnStart: env['SEED_ON_START'] !== 'false',
    shutdownGraceMs: Number(env['SHUTDOWN_GRACE_MS'] ?? 10_000),
    requestTimeoutMs: Number(env['REQUEST_TIMEOUT_MS'] ?? 15_000),
    longRequestTimeoutMs: Number(env['IMPORT_PREVIEW_TIMEOUT_MS'] ?? 120_000),
  };
}
