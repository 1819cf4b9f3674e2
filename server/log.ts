/**
 * Structured logs: one JSON object a line on stdout (stderr for errors), easy to ship and grep.
 * Secrets never reach a log: fields named like a token, password, secret or cookie are
 * replaced, and so is the value of any `token=` in a URL or message.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** The least level written: LOG_LEVEL, read at each call so a test (or an operator's tooling) can change it in process. */
const threshold = () => ORDER[(process.env['LOG_LEVEL'] as Level) ?? 'info'] ?? ORDER.info;

const SECRET_KEY = /token|password|passwd|secret|cookie|authorization|csrf/i;
const TOKEN_IN_TEXT = /([?&;\s]token=)[^&\s"']+/gi;

/** A log field's value with secrets replaced (exported for tests). */
export function redact(value: unknown, key = '', depth = 0): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') return value.replace(TOKEN_IN_TEXT, '$1[redacted]');
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, '', depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k, depth + 1)]));
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: redact(msg), ...(redact(fields) as Record<string, unknown>) });
  (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
}
