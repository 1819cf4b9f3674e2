/**
 * CSV as Excel opens it in Sweden: UTF-8 with a byte-order mark (so åäö survive), `;` between
 * fields, CRLF line ends. Cells that Excel would run as formulas are defused.
 *
 * Two files: the organisations (`csv`, one row each; headers are the import's Swedish synonyms, so
 * a file can be edited and imported again), and their facts in long format (`csv-links`, one row
 * per fact: the record's name and details, each alias, each about fact and each link, with its own
 * basis, confidence, rule, source, quote and time of recording), so an inferred link never hides
 * behind the record's source. The facts file is lossless for the public data: imported into a
 * store with the same catalogue it gives back every organisation with its links and their
 * provenance (graph/io/import/facts-file.ts).
 */
import { stringify } from 'csv-stringify/sync';
import { ABOUT_FIELDS } from '../../model/facts.js';
import type { LinkRecord } from '../../model/records.js';
import { EXPORT_LINKS, type ExportOrganisation, type ExportView } from './view.js';
import { ORGANISATION_LINKS } from '../../model/links.js';
import { ABOUT_KIND, defuse, LINK_COLUMNS, RECORD_KIND, type FactColumn } from '../facts-format.js';

type Row = ExportView['organisations'][number];

const COLUMNS = [
  ['id', (o) => o.id],
  ['namn', (o) => o.name],
  ['alternativa namn', (o) => o.aliases.join(' | ')],
  ['organisationsnummer', (o) => o.orgNumber ?? ''],
  ['juridisk form', (o) => o.legalForm ?? ''],
  ['beskrivning', (o) => o.description ?? ''],
  ['webbplats', (o) => o.website ?? ''],
  ['adress', (o) => o.address ?? ''],
  ['status', (o) => o.status ?? ''],
  ['status sedan', (o) => o.statusSince ?? ''],
  ['målgrupper', (o) => o.links.targetGroup.map((l) => l.name).join(' | ')],
  ['stadsdelar', (o) => o.links.district.map((l) => l.name).join(' | ')],
  ['överenskommelser', (o) => o.links.agreement.map((l) => l.name).join(' | ')],
  ['samverkan', (o) => o.links.collaboration.map((l) => l.name).join(' | ')],
  ['erbjuder', (o) => o.links.offers.map((l) => l.name).join(' | ')],
  ['behöver', (o) => o.links.needs.map((l) => l.name).join(' | ')],
  ['medlem i', (o) => o.links.umbrella.map((l) => l.name).join(' | ')],
  // The record's own provenance (where the organisation is named), not its links': see csv-links.
  ['postens källa', (o) => o.sourceId ?? ''],
  ['postens grund', (o) => o.basis ?? ''],
  ['härledda länkar', (o) => String(EXPORT_LINKS.reduce((n, k) => n + o.links[k].filter((l) => l.basis === 'INFERRED').length, 0))],
  ['syntetisk', (o) => (o.synthetic ? 'ja' : '')],
] as const satisfies readonly (readonly [string, (o: Row) => string])[];

const OPTIONS = { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[";\r\n]/ } as const;
/** Organisations written per chunk. */
const BATCH = 200;

/** The file a piece at a time (the header, then batches of rows), for a streamed answer. */
export function* csvChunks(view: ExportView): Generator<string> {
  yield stringify([COLUMNS.map(([h]) => h)], { ...OPTIONS, bom: true });
  for (let i = 0; i < view.organisations.length; i += BATCH) {
    yield stringify(
      view.organisations.slice(i, i + BATCH).map((o) => COLUMNS.map(([, get]) => defuse(get(o)))),
      OPTIONS,
    );
  }
}

export function toCsv(view: ExportView): Buffer {
  return Buffer.from([...csvChunks(view)].join(''), 'utf8');
}

/** The kinds of fact in the long format, by their Swedish names. */
const FACT_KIND = (kind: (typeof EXPORT_LINKS)[number]): string => ORGANISATION_LINKS[kind].csv;

const when = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : '');

/** One row per fact: each record fact, link and about fact of each organisation, with its own provenance; a piece at a time. */
export function* linksCsvChunks(view: ExportView): Generator<string> {
  yield stringify([[...LINK_COLUMNS]], { ...OPTIONS, bom: true });
  const source = (id: string | null | undefined) => (id ? view.sources.get(id) : undefined);
  const division = (districtId: string) => {
    const d = view.districts.get(districtId);
    if (!d || (!d.validFrom && !d.validTo)) return '';
    return `${d.validFrom ?? ''}–${d.validTo ?? ''}`;
  };
  type Prov = { basis?: string | null; confidence?: number | null; rule?: string | null; sourceId?: string | null; sourceLocator?: string | null; quote?: string | null; recordedAt?: number | null; synthetic?: boolean | null };
  const row = (o: ExportOrganisation, kind: string, value: string, p: Prov | null, extra: Partial<Record<FactColumn, string>> = {}) => {
    const cells: Record<FactColumn, string> = {
      organisation: o.id,
      'organisationens namn': o.name,
      uppgift: kind,
      värde: value,
      'värdets id': '',
      roll: '',
      slag: '',
      anteckning: '',
      indelning: '',
      grund: p?.basis ?? '',
      säkerhet: p?.confidence === null || p?.confidence === undefined ? '' : String(p.confidence),
      regel: p?.rule ?? '',
      källa: p?.sourceId ?? '',
      'källans titel': source(p?.sourceId)?.title ?? '',
      'källans datum': source(p?.sourceId)?.date ?? '',
      'var i källan': p?.sourceLocator ?? '',
      citat: p?.quote ?? '',
      registrerad: when(p?.recordedAt),
      syntetisk: p?.synthetic ? 'ja' : '',
      ...extra,
    };
    return LINK_COLUMNS.map((c) => cells[c]);
  };
  const linkRow = (o: ExportOrganisation, kind: (typeof EXPORT_LINKS)[number], l: LinkRecord) => {
    const to = ORGANISATION_LINKS[kind].to;
    return row(o, FACT_KIND(kind), l.name, l, {
      'värdets id': l.id,
      roll: l.role ?? '',
      // The link's detail is the agreement's or collaboration's kind, or the note on a resource.
      slag: to === 'Agreement' || to === 'Collaboration' ? (l.detail ?? '') : '',
      anteckning: to === 'ResourceType' ? (l.detail ?? '') : '',
      indelning: kind === 'district' ? division(l.id) : '',
    });
  };
  for (let i = 0; i < view.organisations.length; i += BATCH) {
    const rows: string[][] = [];
    for (const o of view.organisations.slice(i, i + BATCH)) {
      rows.push(row(o, RECORD_KIND.name, o.name, o));
      for (const alias of o.aliases) rows.push(row(o, RECORD_KIND.alias, alias, null));
      for (const field of ['orgNumber', 'address', 'statusSince'] as const) {
        const value = o[field];
        if (value) rows.push(row(o, RECORD_KIND[field], value, null));
      }
      for (const field of ABOUT_FIELDS) {
        const value = field === 'status' ? o.status : o[field];
        if (value) rows.push(row(o, ABOUT_KIND[field], value, o.fieldProvenance[field] ?? null));
      }
      for (const kind of EXPORT_LINKS) for (const l of o.links[kind]) rows.push(linkRow(o, kind, l));
    }
    if (rows.length) yield stringify(rows.map((r) => r.map(defuse)), OPTIONS);
  }
}

export function toLinksCsv(view: ExportView): Buffer {
  return Buffer.from([...linksCsvChunks(view)].join(''), 'utf8');
}
