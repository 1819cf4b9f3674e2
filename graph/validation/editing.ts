/** Inputs of editors' mutations beyond organisations' own (graph/validation/inputs.ts). */
import { z } from 'zod';
import { AGREEMENT_STATUSES, PARTY_ROLES } from '../model/types.js';
import type { FieldProblem } from '../errors.js';
import { LIMITS, agreementCreate, collaborationCreate, email, idSchema, optionalText, publicBodyCreate, requiredText } from './inputs.js';
import { cleanText } from './text.js';

const version = z.number().int('must be an integer').min(0, 'must not be negative');

/*
 * Updates: a field left out keeps its value; null clears an optional one (partial() of nullish
 * fields lets null through, and the repository writes it); a required one (name, kind, status)
 * is not nullable, so null is refused naming the field (parseInput).
 */
export const agreementUpdate = agreementCreate
  .omit({ id: true, parties: true, status: true })
  .partial()
  .extend({ status: z.enum(AGREEMENT_STATUSES).optional(), version });
export type AgreementUpdate = z.output<typeof agreementUpdate>;

export const collaborationUpdate = collaborationCreate.omit({ id: true, participantIds: true }).partial().extend({ version });
export type CollaborationUpdate = z.output<typeof collaborationUpdate>;

/** `name` and `kind` are required: null there is refused naming the field. */
export const publicBodyUpdate = publicBodyCreate.omit({ id: true }).partial().extend({ version });
export type PublicBodyUpdate = z.output<typeof publicBodyUpdate>;

export const partyInput = z.object({ id: idSchema, role: z.enum(PARTY_ROLES).nullish() });

/** Why a change was made: checked where every audited change is recorded (graph/repo/audit.ts). */
export const reason = optionalText(LIMITS.reason);

export const contactPersonInput = z.object({
  name: requiredText(LIMITS.name),
  email,
  phone: z
    .string()
    .trim()
    .max(LIMITS.phone)
    .regex(/^[+\d][\d\s()-]*$|^$/, 'may only contain digits, spaces, + ( ) and -')
    .transform((s) => (s === '' ? null : s))
    .nullish(),
  title: optionalText(LIMITS.title, true),
  /** Why the person's data is kept (GDPR art. 5(1)(b)): required, never empty. */
  purpose: cleanText(LIMITS.shortText, { multiline: true, visible: true }).min(5, 'must state why the data is kept (at least 5 characters)'),
});
export type ContactPersonInput = z.output<typeof contactPersonInput>;

/**
 * An end date before the start date, as a problem naming `field`, or none. Either date may be
 * missing; ISO dates (YYYY-MM-DD) compare as strings.
 */
export function periodProblems(startDate: string | null | undefined, endDate: string | null | undefined, field: string): FieldProblem[] {
  return startDate && endDate && endDate < startDate ? [{ field, message: `the end date (${endDate}) must not be before the start date (${startDate})` }] : [];
}
