/**
 * The graph model, declared once. Both engines' schema (LadybugDB tables, Neo4j constraints and
 * indexes), the Cypher linter's vocabulary and the bulk loaders are derived from this file.
 * Bump SCHEMA_VERSION when a change needs more than adding tables or properties (see schema/migrations.ts).
 */
import type { PropertyType } from './types.js';

export const SCHEMA_VERSION = 2;

export interface PropertySpec {
  readonly type: PropertyType;
  /** Neo4j range index (properties that queries filter or sort on). */
  readonly indexed?: boolean;
  /**
   * No two nodes of the label share a (non-null) value: a Neo4j uniqueness constraint (which is
   * also its index). On LadybugDB, whose only constraint is the primary key, the repositories
   * check within the one write transaction at a time.
   */
  readonly unique?: boolean;
}

export interface NodeSpec {
  readonly label: string;
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** Properties in the Neo4j full-text index (Swedish analyzer). */
  readonly fulltext?: readonly string[];
  /** The app's own working state, not data: backups, restores and node counts leave it out. */
  readonly operational?: true;
}

export interface RelSpec {
  readonly type: string;
  readonly pairs: readonly (readonly [from: string, to: string])[];
  readonly properties: Readonly<Record<string, PropertySpec>>;
}

const s = (indexed = false): PropertySpec => ({ type: 'STRING', indexed });
const u = (): PropertySpec => ({ type: 'STRING', unique: true });
const i = (indexed = false): PropertySpec => ({ type: 'INT64', indexed });
const d = (): PropertySpec => ({ type: 'DOUBLE' });
const b = (indexed = false): PropertySpec => ({ type: 'BOOLEAN', indexed });
const list = (): PropertySpec => ({ type: 'STRING[]' });

/**
 * Provenance on every node and relationship: which Source says it (sourceId, and where in it),
 * whether the source states it, it was inferred (with a confidence) or entered by a person, and when.
 * `quote` is the source's own words (for STATED facts, and the name or passage an inference rests
 * on); `rule` says how an INFERRED fact was inferred (graph/model/types.ts INFERENCE_RULES).
 */
export const PROVENANCE = {
  sourceId: s(true),
  sourceLocator: s(),
  basis: s(true),
  confidence: d(),
  quote: s(),
  rule: s(),
  recordedAt: i(),
  /** Synthetic (generated) data is flagged so it can never pass for real. */
  synthetic: b(true),
} as const satisfies Record<string, PropertySpec>;

/** Every node's identity and bookkeeping. `version` gives optimistic concurrency to editors. */
const NODE_BASE = {
  id: s(),
  ...PROVENANCE,
  version: i(),
  createdAt: i(),
  updatedAt: i(),
} as const satisfies Record<string, PropertySpec>;

export const NODES = {
  Organisation: {
    label: 'Organisation',
    properties: {
      ...NODE_BASE,
      name: s(true),
      aliases: list(),
      /** Lower-cased, accent-folded name and aliases: case- and accent-insensitive search in both engines. */
      search: s(),
      /** Unique: two organisations cannot share one (Neo4j: a constraint; LadybugDB: the single writer checks). */
      orgNumber: u(),
      legalForm: s(),
      description: s(),
      website: s(),
      email: s(),
      phone: s(),
      address: s(),
      contactVerifiedAt: i(true),
      /** ACTIVE, INACTIVE or CLOSED (null: not recorded), since `statusSince` (ISO date, as precise as known). */
      status: s(true),
      statusSince: s(),
      /**
       * The provenance of each fact about the organisation beyond its name (description, legal form,
       * website, status) as JSON (graph/model/facts.ts): each may come from a different source.
       */
      fieldProvenance: s(),
    },
    fulltext: ['search', 'description'],
  },
  TargetGroup: {
    label: 'TargetGroup',
    properties: {
      ...NODE_BASE,
      name: s(true),
      nameEn: s(),
      description: s(),
      search: s(),
      /** Everyday words for the group in Swedish and English ("hemlösa", "homeless"): search (in `search`) and import map them to it. */
      synonyms: list(),
    },
    fulltext: ['search'],
  },
  District: {
    label: 'District',
    properties: {
      ...NODE_BASE,
      name: s(true),
      kind: s(true),
      /** SCB code for regions (län) and municipalities. */
      code: s(true),
      /** GeoJSON geometry (WGS84) as text; only Stockholm's stadsdelar and stadsdelsområden have one. */
      geometry: s(),
      /**
       * The period the district exists in this form (ISO dates, inclusive; null: open or not
       * known): a district division is the districts of one kind valid on one day.
       */
      validFrom: s(),
      validTo: s(),
      search: s(),
    },
    fulltext: ['search'],
  },
  PublicBody: {
    label: 'PublicBody',
    /** `validFrom`/`validTo`: when the body was formed and when it ceased (ISO dates; null: not known or still in being). */
    properties: { ...NODE_BASE, name: s(true), nameEn: s(), kind: s(true), level: s(), formerNames: list(), validFrom: s(), validTo: s(), search: s() },
  },
  Agreement: {
    label: 'Agreement',
    properties: {
      ...NODE_BASE,
      name: s(true),
      kind: s(true),
      status: s(true),
      description: s(),
      /** Calendar dates as ISO 8601 (YYYY-MM-DD): they are days, not instants. */
      startDate: s(),
      endDate: s(),
      valueSek: i(),
      valueMinSek: i(),
      valueMaxSek: i(),
      /** A record that summarises several agreements (e.g. the 2021 audit's per-committee IOP figures). */
      isSummary: b(),
      summaryCount: i(),
      collaborationAreas: list(),
      principles: list(),
      jointCommitments: list(),
      cityCommitments: list(),
      sectorCommitments: list(),
      // The audit criteria of the 2021 IOP audit (source 004). null = not known.
      societalChallenge: s(),
      politicalProgramme: s(),
      // Whether the agreement states them at all: the audit's "Nej" is false, which an empty text
      // cannot say (COPY stores '' as NULL, and NULL is "not known").
      societalChallengeStated: b(),
      politicalProgrammeStated: b(),
      steeringMeetingsPerYear: d(),
      commitmentsBeyondFunding: b(),
      followUpPlan: b(),
      evaluatedAtExpiry: b(),
      documentedConsiderations: b(),
      auditNotes: s(),
      /**
       * For a record that summarises several agreements: the audit's findings per criterion as
       * counts of agreements (met, not met, not determinable), each with its quote (JSON,
       * graph/model/facts.ts). A summary's single booleans above would multiply one answer by the count.
       */
      auditFindings: s(),
      /** Who to contact about the agreement: a function (an office, a coordinator role), not a person. */
      contactFunction: s(),
      contactEmail: s(),
      search: s(),
    },
    fulltext: ['name', 'description'],
  },
  Collaboration: {
    label: 'Collaboration',
    properties: { ...NODE_BASE, name: s(true), kind: s(true), description: s(), startDate: s(), endDate: s() },
  },
  ResourceType: {
    label: 'ResourceType',
    properties: { ...NODE_BASE, name: s(true), nameEn: s(), description: s() },
    fulltext: ['name', 'nameEn'],
  },
  Source: {
    label: 'Source',
    properties: {
      ...NODE_BASE,
      title: s(true),
      kind: s(true),
      publisher: s(),
      date: s(),
      /** Where a reader finds the document (URL, or file name in seeds/sources). */
      location: s(),
      licence: s(),
      /** The copy of the source's text in this repository that quotes are checked against (path), if any. */
      copy: s(),
      /** What exactly is cited and how it was checked (e.g. cited from public knowledge, not re-read). */
      note: s(),
    },
  },
  SchemaMeta: {
    label: 'SchemaMeta',
    properties: { id: s(), version: i(), appliedAt: i() },
  },
  /**
   * The change feed on Neo4j (graph/feed/): one entry per committed write that changed what app
   * servers hold in memory, numbered in commit order (`seq`), with what it changed (`effects`, ids
   * only: JSON of graph/readmodel/effects.ts Effect[]). Other servers follow it. Operational, not
   * data: backups leave it out.
   */
  Change: {
    label: 'Change',
    operational: true,
    properties: { id: s(), seq: i(true), at: i(), server: s(), effects: s() },
  },
  /**
   * A key every app server of a deployment shares, made once by whichever asks first
   * (graph/repo/secrets.ts): the key that seals the OIDC sign-in's state cookie, so the callback
   * may land on any server. Operational: backups leave it out.
   */
  Secret: {
    label: 'Secret',
    operational: true,
    properties: { id: s(), value: s(), createdAt: i() },
  },
  /**
   * Accounts (issue 7). A person who signs in: role ADMIN | EDITOR | REPRESENTATIVE; a
   * representative edits only `organisationId`. Passwords are scrypt hashes (server/auth/password.ts);
   * an OIDC account has `oidcSubject` and no password.
   */
  User: {
    label: 'User',
    properties: {
      id: s(),
      /** Unique, as orgNumber. */
      email: u(),
      displayName: s(),
      role: s(true),
      organisationId: s(true),
      passwordHash: s(),
      oidcSubject: s(true),
      failedAttempts: i(),
      lockedUntil: i(),
      disabled: b(),
      version: i(),
      createdAt: i(),
      updatedAt: i(),
      lastSignInAt: i(),
    },
  },
  /** A signed-in session. `id` is the SHA-256 of the cookie's value, so a stolen store holds no usable session. */
  Session: {
    label: 'Session',
    properties: { id: s(), userId: s(true), csrfToken: s(), createdAt: i(), expiresAt: i(true) },
  },
  /**
   * One change by one person, written in the transaction that made it: before and after are JSON
   * snapshots of the entity. Erasure pseudonymises `actorName` and the snapshots (GDPR art. 17).
   */
  AuditRecord: {
    label: 'AuditRecord',
    properties: {
      id: s(),
      actorId: s(true),
      actorName: s(),
      at: i(true),
      action: s(true),
      entityType: s(true),
      entityId: s(true),
      before: s(),
      after: s(),
      reason: s(),
      /** The audit record this change reverted, if it was a revert. */
      revertOf: s(),
    },
  },
  /**
   * Failed sign-ins of one address at one e-mail address (known or not): `id` is the SHA-256 of
   * the pair, so neither is stored. Kept in the graph so every server sees the same count.
   */
  SignInThrottle: {
    label: 'SignInThrottle',
    properties: { id: s(), failures: i(), lockedUntil: i(), updatedAt: i(true) },
  },
  /**
   * Writes one account made in one minute (`id`: the account and the minute), kept in the graph
   * so that every server counts against the same limit. Operational: never backed up.
   */
  WriteWindow: {
    label: 'WriteWindow',
    operational: true,
    properties: { id: s(), count: i(), expiresAt: i(true) },
  },
  /**
   * A spreadsheet on its way into the import (server/imports/): uploaded in chunks through any
   * server, previewed and committed through any other, kept until it is written or idle for a
   * while. `mapping` is JSON of the last preview's column choices. Operational.
   */
  ImportUpload: {
    label: 'ImportUpload',
    operational: true,
    properties: {
      id: s(),
      ownerId: s(true),
      fileName: s(),
      format: s(),
      byteLength: i(),
      receivedBytes: i(),
      nextIndex: i(),
      createdAt: i(),
      touchedAt: i(true),
      mapping: s(),
      jobId: s(),
      written: b(),
    },
  },
  /** One received chunk of an upload (`seq` from 0), base64 as it arrived. Operational. */
  ImportChunk: {
    label: 'ImportChunk',
    operational: true,
    properties: { id: s(), uploadId: s(true), seq: i(), data: s() },
  },
  /**
   * The commit of an upload, run by one server (`server`) in the background: its state, progress
   * (JSON), and when it ends its report or error (JSON). The running server writes `heartbeatAt`
   * every few seconds, so the others can tell a job whose server died. Operational.
   */
  ImportJob: {
    label: 'ImportJob',
    operational: true,
    properties: {
      id: s(),
      uploadId: s(true),
      ownerId: s(),
      server: s(),
      state: s(),
      progress: s(),
      report: s(),
      error: s(),
      startedAt: i(),
      heartbeatAt: i(),
      finishedAt: i(),
    },
  },
  /** A single-use link to set a new password, sent by e-mail. `id` is the SHA-256 of the token. */
  PasswordResetToken: {
    label: 'PasswordResetToken',
    properties: { id: s(), userId: s(true), createdAt: i(), expiresAt: i(), usedAt: i() },
  },
  /** A single-use link for a representative to confirm or correct contact details. `id` is the SHA-256 of the token. */
  VerificationToken: {
    label: 'VerificationToken',
    properties: { id: s(), organisationId: s(true), createdBy: s(), createdAt: i(), expiresAt: i(), usedAt: i() },
  },
  /** A contact person of an organisation: personal data, stored only with a stated purpose. */
  ContactPerson: {
    label: 'ContactPerson',
    properties: {
      id: s(),
      organisationId: s(true),
      name: s(),
      email: s(true),
      phone: s(),
      title: s(),
      purpose: s(),
      version: i(),
      createdAt: i(),
      updatedAt: i(),
    },
  },
} as const satisfies Record<string, NodeSpec>;

export type NodeLabel = keyof typeof NODES;

const REL_BASE = { ...PROVENANCE } as const;

export const RELATIONSHIPS = {
  SERVES: { type: 'SERVES', pairs: [['Organisation', 'TargetGroup']], properties: { ...REL_BASE } },
  ACTIVE_IN: {
    type: 'ACTIVE_IN',
    pairs: [
      ['Organisation', 'District'],
      ['Collaboration', 'District'],
    ],
    properties: { ...REL_BASE },
  },
  MEMBER_OF: { type: 'MEMBER_OF', pairs: [['Organisation', 'Organisation']], properties: { ...REL_BASE } },
  PARTY_TO: {
    type: 'PARTY_TO',
    pairs: [
      ['Organisation', 'Agreement'],
      ['PublicBody', 'Agreement'],
    ],
    properties: { ...REL_BASE, role: s() },
  },
  CONCERNS: {
    type: 'CONCERNS',
    pairs: [
      ['Agreement', 'TargetGroup'],
      ['Collaboration', 'TargetGroup'],
    ],
    properties: { ...REL_BASE },
  },
  COVERS: {
    type: 'COVERS',
    pairs: [
      ['Agreement', 'District'],
      ['PublicBody', 'District'],
    ],
    properties: { ...REL_BASE },
  },
  PARTICIPATES_IN: {
    type: 'PARTICIPATES_IN',
    pairs: [
      ['Organisation', 'Collaboration'],
      ['PublicBody', 'Collaboration'],
    ],
    properties: { ...REL_BASE, role: s() },
  },
  OFFERS: { type: 'OFFERS', pairs: [['Organisation', 'ResourceType']], properties: { ...REL_BASE, note: s() } },
  NEEDS: { type: 'NEEDS', pairs: [['Organisation', 'ResourceType']], properties: { ...REL_BASE, note: s() } },
  BROADER: { type: 'BROADER', pairs: [['TargetGroup', 'TargetGroup']], properties: { ...REL_BASE } },
  PART_OF: {
    type: 'PART_OF',
    pairs: [
      ['District', 'District'],
      ['PublicBody', 'PublicBody'],
    ],
    properties: { ...REL_BASE },
  },
  ADJACENT_TO: { type: 'ADJACENT_TO', pairs: [['District', 'District']], properties: { ...REL_BASE } },
  /**
   * A person's decision on a partnership suggestion (from the organisation to the candidate):
   * ACCEPTED or DISMISSED, remembered so that later rankings change.
   */
  SUGGESTION_DECISION: {
    type: 'SUGGESTION_DECISION',
    pairs: [['Organisation', 'Organisation']],
    properties: { ...REL_BASE, decision: s(), decidedBy: s(), reason: s() },
  },
  /**
   * A later agreement that replaces an earlier one (the 2018 national compact succeeds the 2008
   * one), or a public body that took over a ceased one (Järva stadsdelsnämnd, Rinkeby-Kista's).
   */
  SUCCEEDS: {
    type: 'SUCCEEDS',
    pairs: [
      ['Agreement', 'Agreement'],
      ['PublicBody', 'PublicBody'],
    ],
    properties: { ...REL_BASE },
  },
} as const satisfies Record<string, RelSpec>;

export type RelType = keyof typeof RELATIONSHIPS;

export const NODE_SPECS: readonly NodeSpec[] = Object.values(NODES);
/** Labels of the app's working state (NodeSpec.operational). */
export const OPERATIONAL_LABELS: ReadonlySet<NodeLabel> = new Set((Object.keys(NODES) as NodeLabel[]).filter((l) => (NODES[l] as NodeSpec).operational));

/**
 * Neo4j only: the label a bulk load gives the nodes it creates until it has finished
 * (graph/bulk/load-neo4j.ts), so an interrupted load can be removed. Never on a finished node.
 */
export const NEO4J_LOADING_LABEL = 'BulkLoading';
export const REL_SPECS: readonly RelSpec[] = Object.values(RELATIONSHIPS);

/** Every property key the model declares (the Cypher linter's vocabulary). */
export function allPropertyKeys(): string[] {
  const keys = new Set<string>();
  for (const n of NODE_SPECS) for (const k of Object.keys(n.properties)) keys.add(k);
  for (const r of REL_SPECS) for (const k of Object.keys(r.properties)) keys.add(k);
  return [...keys].sort();
}
