/**
 * The first admin, from ADMIN_EMAIL and ADMIN_PASSWORD at start (there is never a default
 * password). Creates the account only when no user has that address; an existing account is
 * left alone, so the variables can stay set.
 */
import type { Accounts } from '../../graph/repo/accounts.js';
import { hashPassword, passwordProblem } from './password.js';

export const SYSTEM_ACTOR = { id: 'system:bootstrap', displayName: 'Samverkan (start)' };

export async function bootstrapAdmin(accounts: Accounts, env: NodeJS.ProcessEnv = process.env): Promise<'created' | 'exists' | 'not-configured'> {
  const email = env['ADMIN_EMAIL'];
  const password = env['ADMIN_PASSWORD'];
  if (!email) return 'not-configured';
  if (await accounts.users.byEmail(email)) return 'exists';
  if (!password) throw new Error('ADMIN_EMAIL is set but ADMIN_PASSWORD is not: set a password of at least 12 characters (there is no default)');
  const problem = passwordProblem(password);
  if (problem) throw new Error(`ADMIN_PASSWORD ${problem}`);
  await accounts.users.create({ email, displayName: env['ADMIN_NAME'] ?? email, role: 'ADMIN' }, await hashPassword(password), SYSTEM_ACTOR);
  return 'created';
}
