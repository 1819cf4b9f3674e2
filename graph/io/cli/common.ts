/** What the io command-line tools share: typed errors printed as a person reads them, not as stack traces. */
import { GraphError, ValidationError } from '../../errors.js';

/** `hint`: what the command's options can do about a ValidationError, printed after its problems. */
export function failWith(error: unknown, hint?: string): never {
  if (error instanceof ValidationError) {
    console.error(`error: ${error.problems.length} problem(s):`);
    for (const p of error.problems) console.error(`  ${p.field}: ${p.message}`);
    if (hint) console.error(hint);
    process.exit(2);
  }
  if (error instanceof GraphError) {
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

export function usage(text: string): never {
  console.error(text.trim());
  process.exit(2);
}
