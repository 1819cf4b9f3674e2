/**
 * Input schemas for everything a person or an import can write, with zod. Limits are generous
 * for real data and tight enough that nobody can store a megabyte in a name. Text that looks
 * like Cypher is just text: it only ever reaches the engine as a parameter.
 */
import { z } from 'zod';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, BASES, COLLABORATION_KINDS, GOVERNMENT_LEVELS, INFERENCE_RULES, ORGANISATION_STATUSES, PARTY_ROLES, PUBLIC_BODY_KINDS } from '../model/types.js';
import { ValidationError } from '../errors.js';
import { normaliseOrgNumber } from './orgnumber.js';
import { cleanText } from './text.js';

export const LIMITS = {
  name: 200,
  alias: 200,
  aliases: 30,
  shortText: 300,
  longText: 5000,
  url: 500,
  email: 254,
  phone: 40,
  id: 200,
  ids: 500,
  listItems: 100,
  /** Largest page of a list (the API's maximum page size). */
  page: 100,
  /** Why a change was made (every audited change may carry one). */
  reason: 1000,
  /** A person's title, a link's role. */
  title: 100,
} as const;

/**
 * Text fields (graph/validation/text.ts): NFC, trimmed, within their limit, no control or bidi
 * characters. Optional texts may hold line breaks unless `oneLine`; empty strings mean "not
 * given" (LadybugDB stores '' as NULL anyway). Required texts are names: one line, and they must show something.
 */
export const optionalText = (max: number, oneLine = false) =>
  cleanText(max, { multiline: !oneLine })
    .transform((s) => (s === '' ? null : s))
    .nullish();

export const requiredText = (max: number) => cleanText(max, { visible: true }).min(1, 'must not be empty');

export const idSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.id, `must be at most ${LIMITS.id} characters`)
  .regex(/^[\p{L}\p{N}:._-]+$/u, 'may only contain letters, digits and : . _ -');

const idList = z.array(idSchema).max(LIMITS.ids, `must have at most ${LIMITS.ids} items`);

const instant = z
  .number()
  .int('must be an integer (epoch milliseconds)')
  .min(0)
  .max(8.64e15, 'is not a valid instant');

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a calendar date')
  .nullish();

/** A date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD. */
export const partialDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    if (m !== undefined && (m < 1 || m > 12)) return false;
    if (d !== undefined) return new Date(Date.UTC(y!, m! - 1, d)).getUTCDate() === d;
    return true;
  }, 'is not a calendar date')
  .nullish();

const orgNumber = z
  .string()
  .trim()
  .max(20, 'must be at most 20 characters')
  .transform((s, ctx) => {
    if (s === '') return null;
    const n = normaliseOrgNumber(s);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid Swedish organisation number (NNNNNN-NNNN with a correct check digit)' });
      return z.NEVER;
    }
    return n;
  })
  .nullish();

const website = z
  .string()
  .trim()
  .max(LIMITS.url, `must be at most ${LIMITS.url} characters`)
  .transform((s, ctx) => {
    if (s === '') return null;
    try {
      const u = new URL(s);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      return u.toString();
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) address' });
      return z.NEVER;
    }
  })
  .nullish();

/** An e-mail address: trimmed, lower-cased, '' read as none. */
export const email = z
  .string()
  .trim()
  .max(LIMITS.email)
  .transform((s, ctx) => {
    if (s === '') return null;
    if (!z.email().safeParse(s).success) {
      ctx.addIssue({ code: 'custom', message: 'is not an e-mail address' });
      return z.NEVER;
    }
    return s.toLowerCase();
  })
  .nullish();

const phone = z
  .string()
  .trim()
  .max(LIMITS.phone, `must be at most ${LIMITS.phone} characters`)
  .regex(/^[+\d][\d\s()-]*$|^$/, 'may only contain digits, spaces, + ( ) and -')
  .transform((s) => (s === '' ? null : s))
  .nullish();

/** Provenance given with a write: an INFERRED fact must say how it was inferred (its rule). */
export const provenanceInput = z
  .object({
    sourceId: idSchema,
    sourceLocator: optionalText(LIMITS.shortText),
    basis: z.enum(BASES),
    confidence: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').nullish(),
    quote: optionalText(LIMITS.longText),
    rule: z.enum(INFERENCE_RULES).nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.basis === 'INFERRED' && !p.rule) ctx.addIssue({ code: 'custom', path: ['rule'], message: 'an INFERRED fact needs its rule (NAME, SOURCE_HINT, GEOMETRY or CLASSIFICATION)' });
  });
export type ProvenanceInput = z.infer<typeof provenanceInput>;

export const organisationCreate = z.object({
  id: idSchema.nullish(),
  name: requiredText(LIMITS.name),
  aliases: z.array(requiredText(LIMITS.alias)).max(LIMITS.aliases, `must have at most ${LIMITS.aliases} items`).nullish(),
  orgNumber,
  legalForm: optionalText(100, true),
  description: optionalText(LIMITS.longText),
  website,
  email,
  phone,
  address: optionalText(LIMITS.shortText),
  contactVerifiedAt: instant.nullish(),
  /** ACTIVE, INACTIVE or CLOSED; null: not recorded. */
  status: z.enum(ORGANISATION_STATUSES).nullish(),
  statusSince: partialDate,
});
export type OrganisationCreate = z.output<typeof organisationCreate>;

export const organisationUpdate = organisationCreate.omit({ id: true }).partial().extend({
  /** The version the editor read: the update only applies if nobody changed it since. */
  version: z.number().int().min(1),
});
export type OrganisationUpdate = z.output<typeof organisationUpdate>;

export const organisationFilter = z
  .object({
    targetGroups: idList.nullish(),
    districts: idList.nullish(),
    agreementKinds: z.array(z.enum(AGREEMENT_KINDS)).max(AGREEMENT_KINDS.length).nullish(),
    resourcesOffered: idList.nullish(),
    resourcesNeeded: idList.nullish(),
    text: z.string().trim().max(LIMITS.name, `must be at most ${LIMITS.name} characters`).nullish(),
    /** Also organisations working in a wider area (e.g. city-wide ones when filtering by a district). */
    includeWider: z.boolean().nullish(),
    synthetic: z.boolean().nullish(),
  })
  .strict();
export type OrganisationFilter = z.output<typeof organisationFilter>;

export const pageArgs = z.object({
  first: z.number().int('must be an integer').min(0, 'must not be negative').max(LIMITS.page, `must be at most ${LIMITS.page}`).nullish(),
  after: z.string().max(400, 'is not a valid cursor').nullish(),
});

export const linkInput = z.object({
  organisationId: idSchema,
  targetId: idSchema,
  provenance: provenanceInput,
});
export type LinkInput = z.output<typeof linkInput>;

export const agreementCreate = z.object({
  id: idSchema.nullish(),
  name: requiredText(LIMITS.name),
  kind: z.enum(AGREEMENT_KINDS),
  status: z.enum(AGREEMENT_STATUSES).default('UNKNOWN'),
  description: optionalText(LIMITS.longText),
  startDate: isoDate,
  endDate: isoDate,
  valueSek: z.number().int().min(0).max(1e13).nullish(),
  /** The range of a summary's (or a framework's) agreements' values, in SEK. */
  valueMinSek: z.number().int().min(0).max(1e13).nullish(),
  valueMaxSek: z.number().int().min(0).max(1e13).nullish(),
  /** Who to contact about the agreement: a function (an office, a coordinator), not a person. */
  contactFunction: optionalText(LIMITS.shortText),
  contactEmail: email,
  /** The municipalities, regions or districts the agreement covers (replaces the set). */
  covers: idList.nullish(),
  societalChallenge: optionalText(LIMITS.longText),
  politicalProgramme: optionalText(LIMITS.shortText, true),
  societalChallengeStated: z.boolean().nullish(),
  politicalProgrammeStated: z.boolean().nullish(),
  steeringMeetingsPerYear: z.number().min(0).max(366).nullish(),
  commitmentsBeyondFunding: z.boolean().nullish(),
  followUpPlan: z.boolean().nullish(),
  evaluatedAtExpiry: z.boolean().nullish(),
  documentedConsiderations: z.boolean().nullish(),
  parties: z
    .array(z.object({ id: idSchema, role: z.enum(PARTY_ROLES) }))
    .max(LIMITS.ids)
    .default([]),
});
export type AgreementCreate = z.output<typeof agreementCreate>;

/** A public body (a committee, an administration, an agency, a government): editors create and edit them. */
export const publicBodyCreate = z.object({
  id: idSchema.nullish(),
  name: requiredText(LIMITS.name),
  nameEn: optionalText(LIMITS.name),
  kind: z.enum(PUBLIC_BODY_KINDS),
  level: z.enum(GOVERNMENT_LEVELS).nullish(),
  formerNames: z.array(requiredText(LIMITS.alias)).max(LIMITS.aliases, `must have at most ${LIMITS.aliases} items`).nullish(),
  /** The body it is part of (a committee's administration: the committee). */
  partOfId: idSchema.nullish(),
  /** The districts it is responsible for (replaces the set). */
  covers: idList.nullish(),
  /** When it was formed and when it ceased. */
  validFrom: isoDate,
  validTo: isoDate,
});
export type PublicBodyCreate = z.output<typeof publicBodyCreate>;

export const collaborationCreate = z.object({
  id: idSchema.nullish(),
  name: requiredText(LIMITS.name),
  kind: z.enum(COLLABORATION_KINDS),
  description: optionalText(LIMITS.longText),
  startDate: isoDate,
  endDate: isoDate,
  participantIds: z.array(idSchema).min(2, 'a collaboration needs at least two participants').max(LIMITS.ids),
});
export type CollaborationCreate = z.output<typeof collaborationCreate>;

/** Parses `input` with `schema`, or throws a ValidationError naming every bad field under `root`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root = 'input'): z.output<S> {
  // reportInput: a null where a value is required (an update clearing a required field) gets its own message.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: [root, ...issue.path.map(String)].join('.'),
      message:
        issue.input === null && (issue.code === 'invalid_type' || issue.code === 'invalid_value')
          ? 'is required and cannot be cleared (null); leave it out to keep it'
          : issue.code === 'invalid_type'
            ? `must be ${issue.expected}`
            : issue.code === 'unrecognized_keys'
              ? `unknown field(s) ${issue.keys.join(', ')}`
              : issue.message,
    })),
  );
}
