/**
 * The password policy (NIST SP 800-63B): at least 12 characters, at most 256, not only white
 * space, and not one of the passwords people use most (common-passwords/, compared lower-cased).
 * No composition rules. Each problem names what is wrong, in Swedish and English.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const LIST = fileURLToPath(new URL('./common-passwords/common-passwords.txt', import.meta.url));
let common: Set<string> | null = null;

/** The shipped list, read once. */
export function commonPasswords(): Set<string> {
  return (common ??= new Set(fs.readFileSync(LIST, 'utf8').split('\n').filter((l) => l !== '')));
}

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'BLANK' | 'COMMON';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  TOO_SHORT: `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken. must be at least ${MIN_PASSWORD_LENGTH} characters`,
  TOO_LONG: `Lösenordet får ha högst ${MAX_PASSWORD_LENGTH} tecken. must be at most ${MAX_PASSWORD_LENGTH} characters`,
  BLANK: 'Lösenordet får inte bara bestå av blanksteg. must not be only white space',
  COMMON: 'Lösenordet är ett av de vanligaste och lätt att gissa: välj ett annat. is one of the most common passwords and easy to guess: choose another',
};

/** What is wrong with a new password, or null. Length counts characters (code points), as a person does. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'TOO_SHORT';
  if (length > MAX_PASSWORD_LENGTH) return 'TOO_LONG';
  if (password.trim() === '') return 'BLANK';
  if (commonPasswords().has(password.toLowerCase()) || commonPasswords().has(password.trim().toLowerCase())) return 'COMMON';
  return null;
}
