/**
 * `npm run user:create -- --email a@b.se --role ADMIN [--name "A B"] [--organisation org:x] [--oidc-only]`
 * Creates an account in the configured store. The password is read from USER_PASSWORD or asked
 * for on the terminal (not echoed); there is no default.
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { openStore } from '../../graph/store.js';
import { accountsOver } from '../../graph/repo/accounts.js';
import { ROLES } from '../../graph/repo/users.js';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { SYSTEM_ACTOR } from '../auth/bootstrap.js';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string', default: 'EDITOR' },
    name: { type: 'string' },
    organisation: { type: 'string' },
    'oidc-only': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  process.stderr.write(`user:create: ${message}\n`);
  process.exit(2);
}

async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail('no terminal to ask for the password: set USER_PASSWORD');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => write.call(rl, s.startsWith(question) ? s : '');
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

if (!values.email) fail('--email is required');
if (!(ROLES as readonly string[]).includes(values.role!)) fail(`--role must be one of ${ROLES.join(', ')}`);
let hash: string | null = null;
if (!values['oidc-only']) {
  const password = process.env['USER_PASSWORD'] ?? (await askHidden('Lösenord / password: '));
  const problem = passwordProblem(password);
  if (problem) fail(`the password ${problem}`);
  hash = await hashPassword(password);
}
const store = await openStore();
try {
  const user = await accountsOver(store).users.create(
    { email: values.email, displayName: values.name ?? values.email, role: values.role, organisationId: values.organisation ?? null },
    hash,
    SYSTEM_ACTOR,
  );
  process.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  store.projections.close();
  await store.close();
}
