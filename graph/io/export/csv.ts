/**
 * CSV as Excel opens it in Sweden: UTF-8 with a byte-order mark (so åäö survive), `;` between
 * fields, CRLF line ends. Cells that Excel would run as formulas are defused.
 *
 * Two files: the organisations (`csv`, one row each; headers are the import's Swedish synonyms, so
 * a file can be edited and imported again), and their facts in long format (`csv-links`, one row
 * per link and per about fact, each with its own basis, confidence, rule, source and quote), so an
 * inferred link never hides behind the record's source.
 */
import { stringify } from 'csv-stringify/sync';
import { ABOUT_FIELDS, type FactProvenance } from '../../model/facts.js';
import type { LinkRecord } from '../../model/records.js';
import { EXPORT_LINKS, type ExportOrganisation, type ExportView } from './view.js';
import { ORGANISATION_LINKS } from '../../model/links.js';

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

/** Excel runs a cell starting with = + - @ (or a tab/CR) as a formula: a leading apostrophe keeps it text (OWASP "CSV injection"). */
export function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

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
const ABOUT_KIND: Record<(typeof ABOUT_FIELDS)[number], string> = { description: 'beskrivning', legalForm: 'juridisk form', website: 'webbplats', status: 'status' };

export const LINK_COLUMNS = [
  'organisation',
  'organisationens namn',
  'uppgift',
  'värde',
  'värdets id',
  'roll',
  'indelning',
  'grund',
  'säkerhet',
  'regel',
  'källa',
  'källans titel',
  'källans datum',
  'var i källan',
  'citat',
] as const;

/** One row per fact: each link and each about fact of each organisation, with its own provenance; a piece at a time. */
export function* linksCsvChunks(view: ExportView): Generator<string> {
  yield stringify([[...LINK_COLUMNS]], { ...OPTIONS, bom: true });
  const source = (id: string | null) => (id ? view.sources.get(id) : undefined);
  const division = (districtId: string) => {
    const d = view.districts.get(districtId);
    if (!d || (!d.validFrom && !d.validTo)) return '';
    return `${d.validFrom ?? ''}–${d.validTo ?? ''}`;
  };
  const linkRow = (o: ExportOrganisation, kind: (typeof EXPORT_LINKS)[number], l: LinkRecord) => [
    o.id,
    o.name,
    FACT_KIND(kind),
    l.name,
    l.id,
    l.role ?? '',
    kind === 'district' ? division(l.id) : '',
    l.basis ?? '',
    l.confidence === null ? '' : String(l.confidence),
    l.rule ?? '',
    l.sourceId ?? '',
    source(l.sourceId)?.title ?? '',
    source(l.sourceId)?.date ?? '',
    l.sourceLocator ?? '',
    l.quote ?? '',
  ];
  const factRow = (o: ExportOrganisation, field: (typeof ABOUT_FIELDS)[number], value: string, f: FactProvenance | undefined) => [
    o.id,
    o.name,
    ABOUT_KIND[field],
    value,
    '',
    '',
    '',
    f?.basis ?? '',
    f ? String(f.confidence) : '',
    f?.rule ?? '',
    f?.sourceId ?? '',
    source(f?.sourceId ?? null)?.title ?? '',
    source(f?.sourceId ?? null)?.date ?? '',
    f?.sourceLocator ?? '',
    f?.quote ?? '',
  ];
  for (let i = 0; i < view.organisations.length; i += BATCH) {
    const rows: string[][] = [];
    for (const o of view.organisations.slice(i, i + BATCH)) {
      for (const field of ABOUT_FIELDS) {
        const value = field === 'status' ? o.status : o[field];
        if (value) rows.push(factRow(o, field, value, o.fieldProvenance[field]));
      }
      for (const kind of EXPORT_LINKS) for (const l of o.links[kind]) rows.push(linkRow(o, kind, l));
    }
    if (rows.length) yield stringify(rows.map((r) => r.map(defuse)), OPTIONS);
  }
}

export function toLinksCsv(view: ExportView): Buffer {
  return Buffer.from([...linksCsvChunks(view)].join(''), 'utf8');
}
