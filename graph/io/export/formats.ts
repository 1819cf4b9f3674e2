/** The export formats: how each is written, its media type and file extension. */
import type { ExportView } from './view.js';
import { csvChunks, linksCsvChunks, toCsv, toLinksCsv } from './csv.js';
import { jsonChunks, toJson } from './json.js';
import { graphmlChunks, toGraphml } from './graphml.js';
import { hsdsChunks, toHsds } from './hsds.js';

/** Each format whole (`write`, for files) and a piece at a time (`chunks`, for a streamed HTTP answer), with the same bytes. */
export const EXPORT_FORMATS = {
  csv: { write: toCsv, chunks: csvChunks, contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  /** Every fact in long format (one row per name, alias, detail, about fact or link), each with its provenance: lossless, imports back. */
  'csv-links': { write: toLinksCsv, chunks: linksCsvChunks, contentType: 'text/csv; charset=utf-8', extension: 'facts.csv' },
  json: { write: toJson, chunks: jsonChunks, contentType: 'application/json; charset=utf-8', extension: 'json' },
  graphml: { write: toGraphml, chunks: graphmlChunks, contentType: 'application/graphml+xml; charset=utf-8', extension: 'graphml' },
  hsds: { write: toHsds, chunks: hsdsChunks, contentType: 'application/json; charset=utf-8', extension: 'hsds.json' },
} as const satisfies Record<string, { write: (view: ExportView) => Buffer; chunks: (view: ExportView) => Iterable<string>; contentType: string; extension: string }>;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(s: string): s is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, s);
}

/** Filter query parameters (HTTP and CLI) to an OrganisationFilter: lists repeat or are comma-separated. */
export function filterFromParams(get: (name: string) => string[]): Record<string, unknown> {
  const list = (...names: string[]) => names.flatMap(get).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const filter: Record<string, unknown> = {};
  const add = (key: string, values: string[]) => {
    if (values.length) filter[key] = values;
  };
  add('targetGroups', list('targetGroup', 'targetGroups'));
  add('districts', list('district', 'districts'));
  add('agreementKinds', list('agreementKind', 'agreementKinds'));
  add('resourcesOffered', list('offers', 'resourcesOffered'));
  add('resourcesNeeded', list('needs', 'resourcesNeeded'));
  const text = get('text')[0];
  if (text) filter['text'] = text;
  const wider = get('includeWider')[0];
  if (wider !== undefined) filter['includeWider'] = wider === 'true' || wider === '1';
  const synthetic = get('synthetic')[0];
  if (synthetic !== undefined) filter['synthetic'] = synthetic === 'true' || synthetic === '1';
  return filter;
}
