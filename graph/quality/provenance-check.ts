/**
 * The provenance check: whether every fact in a store says truthfully where it comes from.
 *
 * - STATED: the cited source says it. Where the repository holds the source's text (Source.copy)
 *   the fact's quote must be found in it, OCR-normalised (graph/text/quote.ts); a source held
 *   elsewhere (a web page, a decision, a code list) must be cited with its title, location and date.
 * - INFERRED: the fact carries its rule (graph/model/types.ts INFERENCE_RULES) and a confidence
 *   below 1; an inference from a name must quote that name (found in the subject's name or
 *   aliases), one from a hint must quote the hint (found in the source, when its text is here).
 * - ENTERED: only a person's entries cite a person's entry source, and they are all ENTERED.
 * - The about facts of an organisation (description, legal form, website, status) each carry
 *   their own provenance, and audit findings are facts with quotes like any other.
 *
 * Every node and relationship with provenance counts, except Source nodes (the citations
 * themselves) and synthetic data (flagged as such, counted apart).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GraphEngine } from '../engines/port.js';
import { provenanceFacts, type FactRow, type NodeFactRow, type RelFactRow } from '../cypher/statements/quality.js';
import { ABOUT_FIELDS, parseAuditFindings, parseFieldProvenance } from '../model/facts.js';
import { INFERENCE_RULES } from '../model/types.js';
import { quoteFound, quoteSkeleton } from '../text/quote.js';

export interface Ratio {
  passed: number;
  total: number;
}

export interface ProvenanceReport {
  facts: number;
  synthetic: number;
  /** STATED facts citing a source whose text the repository holds: quote found. */
  statedQuoted: Ratio;
  /** STATED facts citing a source held elsewhere: the source is cited with title, location and date. */
  statedExternal: Ratio;
  /** INFERRED facts with a rule and a confidence below 1. */
  inferredWithRule: Ratio;
  /** INFERRED facts from a name or a hint whose quote is found (in the name, or in the source's text here). */
  inferredEvidence: Ratio;
  /** Facts citing a person's entry that no person entered (not ENTERED, or not a person's source), and ENTERED facts citing anything else. */
  misattributedToPerson: number;
  /** Descriptions, legal forms, websites and statuses with their own provenance. */
  aboutWithOwnProvenance: Ratio;
  /** Facts citing a source the store does not hold, or with no basis. */
  unsourced: number;
  sources: { total: number; cited: number; withCopy: number };
  /** The first problems of each kind, for a person to fix. */
  problems: string[];
}

interface SourceInfo {
  id: string;
  title: string | null;
  kind: string | null;
  date: string | null;
  location: string | null;
  copy: string | null;
  note: string | null;
}

const MAX_PROBLEMS = 60;

/** `root`: the directory Source.copy paths are relative to (the repository). */
export async function checkProvenance(engine: GraphEngine, root: string): Promise<ProvenanceReport> {
  const data = await engine.read(async (tx) => {
    const nodes: { label: string; rows: NodeFactRow[] }[] = [];
    for (const [label, s] of Object.entries(provenanceFacts.nodes)) nodes.push({ label, rows: await tx.run(s, {}) });
    const rels: { type: string; rows: RelFactRow[] }[] = [];
    for (const [type, s] of Object.entries(provenanceFacts.rels)) rels.push({ type, rows: await tx.run(s, {}) });
    return {
      nodes,
      rels,
      organisations: await tx.run(provenanceFacts.organisations, {}),
      findings: await tx.run(provenanceFacts.agreementFindings, {}),
      sources: await tx.run(provenanceFacts.sources, {}),
      users: new Set((await tx.run(provenanceFacts.users, {})).map((u) => u.id)),
    };
  });

  const sources = new Map<string, SourceInfo>(data.sources.map((s) => [s.id, s]));
  const skeletons = new Map<string, string | null>();
  const skeletonOf = (s: SourceInfo): string | null => {
    if (!s.copy) return null;
    if (!skeletons.has(s.id)) {
      const file = path.resolve(root, s.copy);
      skeletons.set(s.id, fs.existsSync(file) ? quoteSkeleton(fs.readFileSync(file, 'utf8')) : null);
    }
    return skeletons.get(s.id)!;
  };

  // The names each node is known by, for inferences from a name.
  const names = new Map<string, string[]>();
  for (const { rows } of data.nodes) for (const r of rows) if (r.name) names.set(r.id, [r.name]);
  for (const o of data.organisations) names.set(o.id, [...(names.get(o.id) ?? []), ...(o.aliases ?? [])]);
  const nameSkeletons = new Map<string, string>();
  const nameSkeleton = (id: string) => {
    let s = nameSkeletons.get(id);
    if (s === undefined) nameSkeletons.set(id, (s = (names.get(id) ?? []).map(quoteSkeleton).join('|')));
    return s;
  };

  const r: ProvenanceReport = {
    facts: 0,
    synthetic: 0,
    statedQuoted: { passed: 0, total: 0 },
    statedExternal: { passed: 0, total: 0 },
    inferredWithRule: { passed: 0, total: 0 },
    inferredEvidence: { passed: 0, total: 0 },
    misattributedToPerson: 0,
    aboutWithOwnProvenance: { passed: 0, total: 0 },
    unsourced: 0,
    sources: { total: sources.size, cited: 0, withCopy: [...sources.values()].filter((s) => s.copy).length },
    problems: [],
  };
  const problem = (text: string) => {
    if (r.problems.length < MAX_PROBLEMS) r.problems.push(text);
  };
  const cited = new Set<string>();
  const externalCited = (s: SourceInfo) => !!(s.title && s.location && (s.date || s.note));

  /** Checks one fact; `subject` is the node whose name an inference from a name rests on. */
  const check = (what: string, f: FactRow & { synthetic?: boolean | null }, subject: string) => {
    r.facts++;
    const source = f.sourceId ? sources.get(f.sourceId) : undefined;
    if (!source || !f.basis) {
      r.unsourced++;
      problem(`${what}: cites ${String(f.sourceId)} with basis ${String(f.basis)}`);
      return;
    }
    cited.add(source.id);
    if (source.kind === 'SYNTHETIC') {
      r.synthetic++;
      return;
    }
    const personSource = source.kind === 'PERSON_ENTRY';
    if (personSource && (f.basis !== 'ENTERED' || !source.id.startsWith('src:person:'))) {
      r.misattributedToPerson++;
      problem(`${what}: cites the person's entry ${source.id} but is ${f.basis}`);
    }
    if (f.basis === 'ENTERED' && !personSource && source.kind !== 'IMPORT') {
      r.misattributedToPerson++;
      problem(`${what}: is ENTERED but cites ${source.id} (${String(source.kind)}), which is no person's entry`);
    }
    if (f.basis === 'STATED') {
      if (source.kind === 'CURATION') {
        r.statedQuoted.total++;
        problem(`${what}: STATED by the curation ${source.id}, which states nothing`);
        return;
      }
      const skeleton = skeletonOf(source);
      if (skeleton !== null) {
        r.statedQuoted.total++;
        if (f.quote && quoteFound(f.quote, skeleton)) r.statedQuoted.passed++;
        else problem(`${what}: STATED by ${source.id} ${f.sourceLocator ?? ''}, ${f.quote ? `quote not found: ${JSON.stringify(f.quote.slice(0, 80))}` : 'no quote'}`);
      } else if (source.kind !== 'IMPORT') {
        r.statedExternal.total++;
        if (externalCited(source)) r.statedExternal.passed++;
        else problem(`${what}: STATED by ${source.id}, which has no copy here and lacks a title, location or date`);
      }
    } else if (f.basis === 'INFERRED') {
      r.inferredWithRule.total++;
      const rule = f.rule && (INFERENCE_RULES as readonly string[]).includes(f.rule) ? f.rule : null;
      if (rule && (f.confidence ?? 1) < 1) r.inferredWithRule.passed++;
      else problem(`${what}: INFERRED ${rule ? `with confidence ${String(f.confidence)}` : 'without a rule'}`);
      if (rule === 'NAME') {
        r.inferredEvidence.total++;
        const nameSkel = nameSkeleton(subject);
        if (f.quote && quoteFound(f.quote, nameSkel)) r.inferredEvidence.passed++;
        else problem(`${what}: inferred from the name, ${f.quote ? `but ${JSON.stringify(f.quote)} is not in the name of ${subject}` : 'without quoting it'}`);
      } else if (rule === 'SOURCE_HINT') {
        const skeleton = skeletonOf(source);
        if (skeleton !== null) {
          r.inferredEvidence.total++;
          if (f.quote && quoteFound(f.quote, skeleton)) r.inferredEvidence.passed++;
          else problem(`${what}: inferred from a hint in ${source.id}, ${f.quote ? `quote not found: ${JSON.stringify(f.quote.slice(0, 80))}` : 'without quoting it'}`);
        }
      }
    }
  };

  for (const { label, rows } of data.nodes) for (const row of rows) check(`${label} ${row.id}`, row, row.id);
  for (const { type, rows } of data.rels) for (const row of rows) check(`${type} ${row.from} → ${row.to}`, row, row.from);

  for (const o of data.organisations) {
    const facts = parseFieldProvenance(o.fieldProvenance);
    for (const field of ABOUT_FIELDS) {
      if (o[field] === null || o[field] === undefined) continue;
      const fact = facts[field];
      if (fact && sources.get(fact.sourceId)?.kind === 'SYNTHETIC') continue;
      r.aboutWithOwnProvenance.total++;
      if (!fact) {
        problem(`Organisation ${o.id}: its ${field} has no provenance of its own`);
        continue;
      }
      r.aboutWithOwnProvenance.passed++;
      check(`Organisation ${o.id} ${field}`, fact, o.id);
    }
  }
  for (const a of data.findings) {
    for (const f of parseAuditFindings(a.auditFindings)) check(`Agreement ${a.id} finding ${f.criterion}`, { ...f, rule: null }, a.id);
  }
  r.sources.cited = cited.size;
  return r;
}

const pct = (x: Ratio) => (x.total === 0 ? '—' : `${((100 * x.passed) / x.total).toFixed(x.passed === x.total ? 0 : 1)}%`);
const line = (label: string, x: Ratio) => `${label}: ${x.passed} of ${x.total} (${pct(x)})`;

/** The figures as the command prints them. */
export function formatReport(r: ProvenanceReport): string {
  return [
    `Facts checked: ${r.facts}${r.synthetic ? ` (${r.synthetic} synthetic, counted apart)` : ''}; sources: ${r.sources.total}, ${r.sources.cited} cited, ${r.sources.withCopy} with their text in the repository`,
    line('STATED facts whose quote is found in the cited source (OCR-normalised)', r.statedQuoted),
    line('STATED facts citing a source held elsewhere, cited with title, location and date', r.statedExternal),
    line('INFERRED facts with a rule (or reference) and a confidence below 1', r.inferredWithRule),
    line('INFERRED facts from a name or a hint whose quote is found', r.inferredEvidence),
    `Facts attributed to a person entry that no person entered: ${r.misattributedToPerson}`,
    line('Descriptions, legal forms, websites and statuses with their own provenance', r.aboutWithOwnProvenance),
    `Facts citing no known source: ${r.unsourced}`,
  ].join('\n');
}

/** Whether the report is what the project promises: everything at 100%, nothing misattributed or unsourced. */
export function reportHolds(r: ProvenanceReport): boolean {
  const full = (x: Ratio) => x.passed === x.total;
  return full(r.statedQuoted) && full(r.statedExternal) && full(r.inferredWithRule) && full(r.inferredEvidence) && full(r.aboutWithOwnProvenance) && r.misattributedToPerson === 0 && r.unsourced === 0;
}
