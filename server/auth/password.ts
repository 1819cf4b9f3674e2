/**
 * Password hashing with scrypt (node:crypto; RFC 7914), memory-hard, with a random salt per
 * password. Stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later and old hashes
 * still verify.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PASSWORD_MESSAGES, passwordProblem as policyProblem } from './password-policy.js';

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './password-policy.js';

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

const options = (n: number, r: number, p: number): ScryptOptions => ({ N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });

/** The stored hash of `password`; `cost` is scrypt's N (a power of two), the production cost unless a test asks for less. */
export async function hashPassword(password: string, cost = N): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options(cost, R, P));
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, options(Number(n), Number(r), Number(p)));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing anyone knows: verifying against it costs as much as a real check (unknown e-mails take as long as wrong passwords). */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(32).toString('hex')));
}

/** A problem with a new password as a sentence (password-policy.ts), or null. */
export function passwordProblem(password: string): string | null {
  const problem = policyProblem(password);
  return problem ? PASSWORD_MESSAGES[problem] : null;
}
