/**
 * The running server's control file: where `npm start` listens and the token that lets local
 * commands (npm run backup) act through it. Written with mode 0600 next to the data, removed at
 * shutdown; whoever can read it can already read the store's files.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Control {
  url: string;
  token: string;
  pid: number;
}

/** CONTROL_FILE, or data/server.json. */
export function controlFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['CONTROL_FILE'] ?? 'data/server.json');
}

export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}

export function writeControl(file: string, control: Control): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(control), { mode: 0o600 });
  fs.renameSync(partial, file);
}

/** The control file of a server that is still running, or null. */
export function readControl(file: string): Control | null {
  try {
    const control = JSON.parse(fs.readFileSync(file, 'utf8')) as Control;
    process.kill(control.pid, 0);
    return control;
  } catch {
    return null;
  }
}

export function removeControl(file: string, token: string): void {
  try {
    if ((JSON.parse(fs.readFileSync(file, 'utf8')) as Control).token === token) fs.rmSync(file);
  } catch {
    // Gone already, or another server's by now.
  }
}

/** Compares secrets in constant time, whatever their lengths or characters. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
