/**
 * CSV as Excel opens it in Sweden: UTF-8 with a byte-order mark (so åäö survive), `;` between
 * fields, CRLF line ends. Headers are the import's Swedish synonyms, so an exported file can be
 * edited and imported again. Cells that Excel would run as formulas are defused.
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportView } from './view.js';

const COLUMNS = [
  ['id', (o) => o.id],
  ['namn', (o) => o.name],
  ['alternativa namn', (o) => o.aliases.join(' | ')],
  ['organisationsnummer', (o) => o.orgNumber ?? ''],
  ['juridisk form', (o) => o.legalForm ?? ''],
  ['beskrivning', (o) => o.description ?? ''],
  ['webbplats', (o) => o.website ?? ''],
  ['adress', (o) => o.address ?? ''],
  ['målgrupper', (o) => o.links.targetGroup.map((l) => l.name).join(' | ')],
  ['stadsdelar', (o) => o.links.district.map((l) => l.name).join(' | ')],
  ['överenskommelser', (o) => o.links.agreement.map((l) => l.name).join(' | ')],
  ['samverkan', (o) => o.links.collaboration.map((l) => l.name).join(' | ')],
  ['erbjuder', (o) => o.links.offers.map((l) => l.name).join(' | ')],
  ['behöver', (o) => o.links.needs.map((l) => l.name).join(' | ')],
  ['medlem i', (o) => o.links.umbrella.map((l) => l.name).join(' | ')],
  ['källa', (o) => o.sourceId ?? ''],
  ['grund', (o) => o.basis ?? ''],
  ['syntetisk', (o) => (o.synthetic ? 'ja' : '')],
] as const satisfies readonly (readonly [string, (o: ExportView['organisations'][number]) => string])[];

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
