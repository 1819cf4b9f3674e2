/**
 * Starts Neo4j 5.26 Community where Java 17 and Maven exist: the Maven artifacts of
 * `.ci/neo4j/pom.xml` (downloaded once into ~/.m2) and the single-source launcher
 * `.ci/neo4j/Neo4jLauncher.java`, run by Java 17 (5.26 needs 17 or 21; 2025.x needs 21).
 * Used by `npm run neo4j` (development), `npm run test:neo4j` and `.ci/run`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const POM = path.join(ROOT, '.ci/neo4j/pom.xml');
const LAUNCHER = path.join(ROOT, '.ci/neo4j/Neo4jLauncher.java');

export interface LaunchOptions {
  /** Where the databases live. */
  home: string;
  /** Independent DBMSs, on consecutive Bolt ports from `port` (Community has one user database each). */
  instances?: number;
  host?: string;
  port?: number;
  /** JVM heap, e.g. '2g'. */
  heap?: string;
  /** Page cache per DBMS, e.g. '256m'. */
  pageCache?: string;
  /** Log the launcher's output here (default: home/neo4j.log). */
  log?: string;
}

export interface RunningNeo4j {
  uri: string;
  uris: string[];
  pid: number;
  stop(): Promise<void>;
}

/** A Java 17 (or 21) binary: JAVA_HOME when it is one, else Debian's OpenJDK 17, else `java`. */
export function java17(): string {
  const candidates = [process.env['JAVA_HOME'] && path.join(process.env['JAVA_HOME'], 'bin/java'), '/usr/lib/jvm/java-17-openjdk-amd64/bin/java', '/usr/lib/jvm/java-17-openjdk-arm64/bin/java', 'java'].filter(Boolean) as string[];
  for (const bin of candidates) {
    const r = spawnSync(bin, ['-version'], { encoding: 'utf8' });
    const version = /version "(\d+)/.exec(`${r.stderr}${r.stdout}`)?.[1];
    if (r.status === 0 && (version === '17' || version === '21')) return bin;
  }
  throw new Error('Neo4j 5.26 needs Java 17 (or 21): none found (set JAVA_HOME)');
}

/** The launcher's classpath, resolved by Maven once and cached beside the pom's hash. */
export function classpath(cacheDir: string): string {
  fs.mkdirSync(cacheDir, { recursive: true });
  const stamp = `${fs.statSync(POM).mtimeMs}-${fs.statSync(POM).size}`;
  const file = path.join(cacheDir, 'classpath.txt');
  const stampFile = path.join(cacheDir, 'classpath.stamp');
  const cached = fs.existsSync(file) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp ? fs.readFileSync(file, 'utf8').trim() : '';
  if (cached && cached.split(':').every((jar) => fs.existsSync(jar))) return cached;
  const r = spawnSync('mvn', ['-q', '-B', '-ntp', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${file}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) throw new Error(`Maven could not resolve Neo4j's artifacts (mvn exited ${r.status ?? r.error?.message})`);
  fs.writeFileSync(stampFile, stamp);
  return fs.readFileSync(file, 'utf8').trim();
}

/** True when something accepts connections on host:port. */
export function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A run of `count` consecutive free ports from `from`. */
export async function freePorts(count: number, from = 17687, host = '127.0.0.1'): Promise<number> {
  for (let base = from; base < 60000; base += count) {
    let free = true;
    for (let i = 0; i < count && free; i++) free = !(await portOpen(host, base + i));
    if (free) return base;
  }
  throw new Error('no free ports');
}

export async function launchNeo4j(options: LaunchOptions): Promise<RunningNeo4j> {
  const { home, instances = 1, host = '127.0.0.1', port = 7687, heap = '2g', pageCache = '256m' } = options;
  fs.mkdirSync(home, { recursive: true });
  const cp = classpath(path.join(ROOT, 'data/neo4j-classpath'));
  const logFile = options.log ?? path.join(home, 'neo4j.log');
  const out = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    java17(),
    [
      `-Xms512m`,
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-XX:-OmitStackTraceInFastThrow',
      // What Neo4j's own neo4j.conf passes to its JVM.
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-cp',
      cp,
      LAUNCHER,
      home,
      String(instances),
    ],
    { env: { ...process.env, NEO4J_HOST: host, NEO4J_BOLT_PORT: String(port), NEO4J_PAGECACHE: pageCache }, stdio: ['ignore', out, out], detached: false },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 240_000;
  for (;;) {
    const text = fs.readFileSync(logFile, 'utf8');
    if (/^ready$/m.test(text)) break;
    const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r('wait'), 250))]);
    if (done !== 'wait' || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Neo4j did not start (${done === 'wait' ? 'timed out' : `exit ${String(done)}`}); its log:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
    }
  }
  const uris = Array.from({ length: instances }, (_, i) => `bolt://${host}:${port + i}`);
  return {
    uri: uris[0]!,
    uris,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
