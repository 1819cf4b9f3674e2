/**
 * Password hashes for the tests' fixture accounts: the server's own format at a low cost, N = 2^10
 * instead of 2^15. Sign-in reads the cost from the stored hash, so it checks these as it checks
 * any; the hundreds of sign-ins in the tests then take milliseconds instead of about 100 ms of CPU
 * each. The production cost itself is tested where passwords are (test/accounts/sessions.test.ts).
 */
import { hashPassword } from '../../server/auth/password.js';

export function fixtureHash(password: string): Promise<string> {
  return hashPassword(password, 1 << 10);
}
