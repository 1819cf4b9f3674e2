#!/usr/bin/env node
/**
 * Builds the web app (vite build in web/) when web/build is missing or was built from other
 * sources: a hash of the app's sources, configs and the dependency lock is kept beside the build.
 * `npm start` and the browser tests run it; `--force` (npm run build:web) always builds.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const stamp = path.join(web, 'build', '.source-hash');
const inputs = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', '../package-lock.json'];

function* files(p) {
  if (!fs.existsSync(p)) return;
  if (fs.statSync(p).isDirectory()) for (const name of fs.readdirSync(p).sort()) yield* files(path.join(p, name));
  else yield p;
}

export function sourceHash() {
  const hash = createHash('sha256');
  // The kind of build is part of what it was built from (builds stamped before it was always production are rebuilt once).
  hash.update('production\0');
  for (const input of inputs) for (const file of files(path.join(web, input))) hash.update(path.relative(web, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export function ensureWebBuild({ force = false, quiet = false } = {}) {
  const hash = sourceHash();
  const built = fs.existsSync(path.join(web, 'build', 'handler.js')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash;
  if (built && !force) {
    if (!quiet) console.log('web app: build is up to date');
    return false;
  }
  console.log(force ? 'web app: building' : 'web app: build missing or stale, building');
  // vite's package exports hide its bin; resolve the package and take the bin from its manifest.
  const manifest = createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
  const vite = path.join(path.dirname(manifest), JSON.parse(fs.readFileSync(manifest, 'utf8')).bin.vite);
  // Always a production build, whoever asks: under vitest (NODE_ENV=test) vite would keep that
  // NODE_ENV and bundle Svelte's development runtime (larger and slower) into the build npm start serves.
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', quiet ? 'warn' : 'info'], { cwd: web, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`web app build failed (exit ${result.status})`);
  fs.writeFileSync(stamp, hash);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureWebBuild({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
