/**
 * nginx (Debian's package) as the load balancer of the cluster tests and benchmark, configured
 * from deploy/nginx.conf.template, run in the foreground in a directory of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portOpen } from '../neo4j/launch.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';

export interface RunningNginx {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export function nginxConfig(dir: string, port: number, upstreams: readonly string[]): string {
  const template = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf.template'), 'utf8');
  return template
    .replaceAll('{{DIR}}', dir)
    .replaceAll('{{PORT}}', String(port))
    .replace('{{UPSTREAMS}}', upstreams.map((u) => `    server ${u.replace(/^https?:\/\//, '')} max_fails=1 fail_timeout=2s;`).join('\n'));
}

export async function startNginx(port: number, upstreams: readonly string[]): Promise<RunningNginx> {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx is missing at ${NGINX}: apt-get install -y nginx-light (.ci/run does it)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-nginx-'));
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, upstreams));
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  for (let i = 0; i < 100 && !(await portOpen('127.0.0.1', port)); i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    async stop() {
      if (child.exitCode === null) {
        // Fast shutdown: keep-alive connections to the servers are not waited for.
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
