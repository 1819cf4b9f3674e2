/**
 * A cluster for tests and benchmarks: N app servers (`server/main.ts`, each its own process, as
 * `npm start` runs it) on one Neo4j database, behind nginx (round-robin). Servers can be killed
 * and started again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../neo4j/launch.js';
import { startNginx, type RunningNginx } from './nginx.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface AppServer {
  name: string;
  url: string;
  port: number;
  /** Kills the process (SIGKILL by default) and waits for it to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  readonly alive: boolean;
  log(): string;
}

export interface Cluster {
  url: string;
  servers: AppServer[];
  nginx: RunningNginx;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  neo4jUri: string;
  servers?: number;
  env?: NodeJS.ProcessEnv;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const count = options.servers ?? 3;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-cluster-'));
  const base = await freePorts(count + 1, 31000);
  const servers = Array.from({ length: count }, (_, i) => appServer(`server-${String.fromCharCode(97 + i)}`, base + i, dir, options));
  // All at once, as a deployment starts them: start-up must happen exactly once.
  await Promise.all(servers.map((s) => s.start()));
  const nginx = await startNginx(base + count, servers.map((s) => s.url));
  return {
    url: nginx.url,
    servers,
    nginx,
    async stop() {
      await nginx.stop();
      await Promise.all(servers.map((s) => (s.alive ? s.kill('SIGTERM') : undefined)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function appServer(name: string, port: number, dir: string, options: ClusterOptions): AppServer {
  let child: ChildProcess | null = null;
  let output = '';
  const controlFile = path.join(dir, `${name}.json`);
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    get alive() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    log: () => output,
    async start() {
      fs.rmSync(controlFile, { force: true });
      child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          ...options.env,
          NEO4J_URI: options.neo4jUri,
          PORT: String(port),
          HOST: '127.0.0.1',
          CONTROL_FILE: controlFile,
          TRUST_PROXY: '1',
          // The servers answer the API; three building the web app at once would only compete.
          SKIP_WEB_BUILD: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const c = child;
      c.stdout!.on('data', (d) => (output += d));
      c.stderr!.on('data', (d) => (output += d));
      for (let i = 0; i < 2400 && !fs.existsSync(controlFile); i++) {
        if (c.exitCode !== null) throw new Error(`${name} exited during start (${c.exitCode}): ${output.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!fs.existsSync(controlFile)) throw new Error(`${name} did not start within 120 s: ${output.slice(-3000)}`);
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill(signal);
      // A graceful stop gets 20 s, then it is killed.
      const timer = signal === 'SIGKILL' ? null : setTimeout(() => c.kill('SIGKILL'), 20_000);
      await exited;
      if (timer) clearTimeout(timer);
    },
  };
}
