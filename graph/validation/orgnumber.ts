/**
 * Swedish organisation numbers (organisationsnummer): ten digits, NNNNNN-NNNN, the last a Luhn
 * check digit. Checked with the `organisationsnummer` library; stored in the canonical
 * NNNNNN-NNNN form.
 */
// The package is CommonJS with ESM-style typings: its class is the namespace's `default` either way.
import * as orgnr from 'organisationsnummer';

interface OrgNumberStatic {
  valid(input: string): boolean;
  parse(input: string): { format(separator?: boolean): string };
}
const Organisationsnummer = orgnr.default as unknown as OrgNumberStatic;

export function normaliseOrgNumber(input: string): string | null {
  const trimmed = input.trim();
  if (!/^(\d{2})?\d{6}-?\d{4}$/.test(trimmed)) return null;
  try {
    if (!Organisationsnummer.valid(trimmed)) return null;
    return Organisationsnummer.parse(trimmed).format(true);
  } catch {
    return null;
  }
}
