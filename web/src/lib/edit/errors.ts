/**
 * The API's typed errors (`errors[].field`, dotted like `input.email`) turned into a message per
 * form field in the page's language. The API's own message is English-ish and technical, so each
 * known field has its own explanation; an unknown field falls back to a general one.
 */
import type { MessageKey } from '$lib/i18n/sv.js';

export interface ApiUserError {
  field?: string | null;
  code: string;
  message: string;
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  name: 'edit.error.name',
  orgNumber: 'edit.error.orgNumber',
  email: 'edit.error.email',
  website: 'edit.error.website',
  phone: 'edit.error.phone',
  address: 'edit.error.address',
  description: 'edit.error.description',
  legalForm: 'edit.error.legalForm',
  statusSince: 'edit.error.statusSince',
  reason: 'edit.error.reason',
};

/** `input.email` → `email`; `corrections.phone` → `phone`; `targetIds.2` → `targetIds`. */
export const formField = (field: string | null | undefined): string | null => {
  if (!field) return null;
  const parts = field.split('.').filter((p) => !/^\d+$/.test(p));
  return parts.length > 1 && (parts[0] === 'input' || parts[0] === 'corrections') ? parts[1]! : parts[0]!;
};

export const fieldMessage = (field: string): MessageKey => FIELD_MESSAGES[field] ?? 'edit.error.field';

/** Field errors by form field; what names no known field of the form is returned apart. */
export function sortErrors(errors: readonly ApiUserError[], fields: readonly string[]): { fields: Record<string, MessageKey>; other: ApiUserError[] } {
  const out: Record<string, MessageKey> = {};
  const other: ApiUserError[] = [];
  for (const e of errors) {
    const f = formField(e.field);
    if (f && fields.includes(f) && e.code === 'BAD_USER_INPUT') out[f] ??= fieldMessage(f);
    else other.push(e);
  }
  return { fields: out, other };
}

/** What a form shows when the API refused a save: a conflict, fields to correct, or a general failure. */
export type Refusal<F extends string> = { kind: 'conflict' } | { kind: 'invalid'; fields: Partial<Record<F, MessageKey>> } | { kind: 'failed'; codes: string[] };

/** A CONFLICT wins (nothing else matters until the editor reloads); field errors go by their field; the rest is a failure. */
export function refusalOf<F extends string>(errors: readonly ApiUserError[], fields: readonly F[]): Refusal<F> {
  if (errors.some((e) => e.code === 'CONFLICT')) return { kind: 'conflict' };
  const sorted = sortErrors(errors, fields);
  if (Object.keys(sorted.fields).length) return { kind: 'invalid', fields: sorted.fields as Partial<Record<F, MessageKey>> };
  return { kind: 'failed', codes: sorted.other.map((e) => e.code) };
}

/** Only the fields the editor changed, trimmed ('' clears an optional one), so a save does not overwrite what it did not touch. */
export function changedValues<F extends string>(fields: readonly F[], before: Record<F, string>, after: Record<F, string>): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const f of fields) if (after[f].trim() !== before[f].trim()) out[f] = after[f].trim();
  return out;
}
