/**
 * The public-body form's values (strings, as inputs hold them), the changes an editor made as the
 * API's input, and the API's errors by form field. Pure, so it is unit-tested.
 */
import type { PublicBodyInput, PublicBodyRowFragment, PublicBodyUpdate } from '$lib/graphql/generated.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import type { Translate } from '$lib/i18n/index.js';
import { formField, type ApiUserError } from '$lib/edit/errors.js';

export const BODY_KINDS = ['COMMITTEE', 'ADMINISTRATION', 'AGENCY', 'GOVERNMENT', 'ASSOCIATION', 'ASSEMBLY'] as const;
export const BODY_LEVELS = ['MUNICIPAL', 'DISTRICT', 'REGIONAL', 'NATIONAL'] as const;

export const BODY_FIELDS = ['name', 'nameEn', 'kind', 'level', 'partOfId', 'covers', 'validFrom', 'validTo', 'reason'] as const;
export type BodyField = (typeof BODY_FIELDS)[number];
export type BodyValues = Record<Exclude<BodyField, 'reason'>, string>;

export const BODY_LABELS: Record<BodyField, MessageKey> = {
  name: 'bodies.name',
  nameEn: 'bodies.nameEn',
  kind: 'bodies.kind',
  level: 'bodies.level',
  partOfId: 'bodies.partOf',
  covers: 'bodies.covers',
  validFrom: 'bodies.validFrom',
  validTo: 'bodies.validTo',
  reason: 'edit.reason',
};

const joined = (ids: readonly string[]) => [...new Set(ids)].sort().join(' ');
const split = (s: string) => s.split(/\s+/).filter(Boolean);

export function bodyValues(b: PublicBodyRowFragment | null): BodyValues {
  return {
    name: b?.name ?? '',
    nameEn: b?.nameEn ?? '',
    kind: b?.kind ?? 'COMMITTEE',
    level: b?.level ?? 'MUNICIPAL',
    partOfId: b?.partOf?.id ?? '',
    covers: joined((b?.covers ?? []).map((d) => d.id)),
    validFrom: b?.validFrom ?? '',
    validTo: b?.validTo ?? '',
  };
}

/** What changed (everything given, for a new body), as API input; an emptied optional field is null. Or the fields the form refuses itself. */
export function bodyChanges(before: BodyValues, after: BodyValues, isNew: boolean): { input: Partial<PublicBodyUpdate> & Partial<PublicBodyInput> } | { errors: Partial<Record<BodyField, MessageKey>> } {
  const errors: Partial<Record<BodyField, MessageKey>> = {};
  if (!after.name.trim()) errors.name = 'bodies.error.name';
  const from = after.validFrom.trim();
  const to = after.validTo.trim();
  if (from && to && to < from) errors.validTo = 'agrEdit.error.endBeforeStart';
  if (Object.keys(errors).length) return { errors };
  const input: Record<string, unknown> = {};
  const changed = (f: keyof BodyValues) => isNew || after[f].trim() !== before[f].trim();
  if (changed('name')) input['name'] = after.name.trim();
  for (const f of ['nameEn', 'partOfId', 'validFrom', 'validTo'] as const) if (changed(f)) input[f] = after[f].trim() || null;
  for (const f of ['kind', 'level'] as const) if (changed(f) && after[f]) input[f] = after[f];
  if (isNew || joined(split(after.covers)) !== joined(split(before.covers))) input['covers'] = split(after.covers);
  return { input };
}

const MESSAGES: Partial<Record<BodyField, MessageKey>> = {
  name: 'bodies.error.name',
  kind: 'agrEdit.error.choice',
  level: 'agrEdit.error.choice',
  partOfId: 'bodies.error.partOf',
  covers: 'agrEdit.error.covers',
  validFrom: 'agrEdit.error.date',
  validTo: 'agrEdit.error.date',
  reason: 'agrEdit.error.reason',
};

/** The API's errors by form field (BAD_USER_INPUT and NOT_FOUND naming a field), the rest as codes. */
export function bodyErrors(errors: readonly ApiUserError[]): { fields: Partial<Record<BodyField, MessageKey>>; other: string[] } {
  const fields: Partial<Record<BodyField, MessageKey>> = {};
  const other: string[] = [];
  for (const e of errors) {
    const f = formField(e.field);
    if (f && (BODY_FIELDS as readonly string[]).includes(f) && (e.code === 'BAD_USER_INPUT' || e.code === 'NOT_FOUND')) fields[f as BodyField] ??= MESSAGES[f as BodyField] ?? 'edit.error.field';
    else other.push(e.code);
  }
  return { fields, other };
}

/** "Upphörde 2023-06-30", "från 2023-07-01", or null (no period known). */
export function periodText(b: Pick<PublicBodyRowFragment, 'validFrom' | 'validTo'>, t: Translate): string | null {
  if (b.validTo) return t('bodies.ceased', { date: b.validTo });
  if (b.validFrom) return t('bodies.since', { date: b.validFrom });
  return null;
}
