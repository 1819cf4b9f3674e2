/**
 * Password hashes for the tests' fixture accounts: the stored format the server writes
 * (`scrypt$N$r$p$salt$hash`, server/auth/password.ts) at a low cost, N = 2^10 instead of 2^15.
 * Sign-in reads the cost from the stored hash, so it checks these as it checks any; the hundreds
 * of sign-ins in the tests then take milliseconds instead of about 100 ms of CPU each. The
 * production cost itself is tested where passwords are (test/accounts/sessions.test.ts).
 */
import { randomBytes, scryptSync } from 'node:crypto';

const N = 1 << 10;
const R = 8;
const P = 1;

export function fixtureHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}
