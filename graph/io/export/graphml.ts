/**
 * GraphML (http://graphml.graphdrawing.org/) as Gephi, yEd and Cytoscape read it: every node and
 * edge attribute declared with <key> (name and type), node `label` for display. Nodes are the
 * exported organisations and the nodes their links point at; edges are the links, with their
 * type, role and provenance.
 */
import { EXPORT_LINKS, type ExportView, type ExportLinkKind } from './view.js';
import { ORGANISATION_LINKS } from '../../model/links.js';

type AttrType = 'string' | 'boolean' | 'double';
const NODE_KEYS: [string, AttrType][] = [
  ['label', 'string'],
  ['kind', 'string'],
  ['detail', 'string'],
  ['orgNumber', 'string'],
  ['legalForm', 'string'],
  ['website', 'string'],
  ['description', 'string'],
  ['status', 'string'],
  ['statusSince', 'string'],
  ['sourceId', 'string'],
  ['basis', 'string'],
  ['descriptionBasis', 'string'],
  ['descriptionSourceId', 'string'],
  ['legalFormBasis', 'string'],
  ['legalFormSourceId', 'string'],
  ['websiteBasis', 'string'],
  ['websiteSourceId', 'string'],
  ['validFrom', 'string'],
  ['validTo', 'string'],
  ['synthetic', 'boolean'],
];
const EDGE_KEYS: [string, AttrType][] = [
  ['type', 'string'],
  ['role', 'string'],
  ['sourceId', 'string'],
  ['sourceLocator', 'string'],
  ['basis', 'string'],
  ['confidence', 'double'],
  ['rule', 'string'],
  ['quote', 'string'],
];

const LINK_TYPE = (kind: ExportLinkKind): { type: string; label: string } => ({ type: ORGANISATION_LINKS[kind].type, label: ORGANISATION_LINKS[kind].to });

/** XML text: the five entities escaped, and characters XML 1.0 forbids dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function data(prefix: 'n' | 'e', key: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return `<data key="${prefix}_${key}">${xmlEscape(String(value))}</data>`;
}

/** An about fact's own basis and source, as node attributes. */
function about(o: ExportView['organisations'][number], field: 'description' | 'legalForm' | 'website'): string {
  const f = o.fieldProvenance[field];
  return f ? `${data('n', `${field}Basis`, f.basis)}${data('n', `${field}SourceId`, f.sourceId)}` : '';
}

/** The document a piece at a time: keys, then the nodes (organisations, then what they link to), then the edges. */
export function* graphmlChunks(view: ExportView): Generator<string> {
  const head: string[] = [];
  head.push('<?xml version="1.0" encoding="UTF-8"?>');
  head.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">');
  for (const [k, t] of NODE_KEYS) head.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`);
  for (const [k, t] of EDGE_KEYS) head.push(`  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`);
  head.push('  <graph id="samverkan" edgedefault="directed">');
  yield head.join('\n') + '\n';

  const nodes = new Set<string>();
  for (const o of view.organisations) {
    nodes.add(o.id);
    yield `    <node id="${xmlEscape(o.id)}">${data('n', 'label', o.name)}${data('n', 'kind', 'Organisation')}${data('n', 'orgNumber', o.orgNumber)}${data('n', 'legalForm', o.legalForm)}${data('n', 'website', o.website)}${data('n', 'description', o.description)}${data('n', 'status', o.status)}${data('n', 'statusSince', o.statusSince)}${data('n', 'sourceId', o.sourceId)}${data('n', 'basis', o.basis)}${about(o, 'description')}${about(o, 'legalForm')}${about(o, 'website')}${data('n', 'synthetic', o.synthetic)}</node>\n`;
  }
  for (const o of view.organisations) {
    const out: string[] = [];
    for (const kind of EXPORT_LINKS) {
      for (const l of o.links[kind]) {
        if (nodes.has(l.id)) continue;
        nodes.add(l.id);
        const district = kind === 'district' ? view.districts.get(l.id) : undefined;
        out.push(`    <node id="${xmlEscape(l.id)}">${data('n', 'label', l.name)}${data('n', 'kind', LINK_TYPE(kind).label)}${data('n', 'detail', l.detail)}${data('n', 'validFrom', district?.validFrom)}${data('n', 'validTo', district?.validTo)}</node>\n`);
      }
    }
    if (out.length) yield out.join('');
  }
  let n = 0;
  for (const o of view.organisations) {
    const out: string[] = [];
    for (const kind of EXPORT_LINKS) {
      for (const l of o.links[kind]) {
        out.push(
          `    <edge id="e${n++}" source="${xmlEscape(o.id)}" target="${xmlEscape(l.id)}">${data('e', 'type', LINK_TYPE(kind).type)}${data('e', 'role', l.role)}${data('e', 'sourceId', l.sourceId)}${data('e', 'sourceLocator', l.sourceLocator)}${data('e', 'basis', l.basis)}${data('e', 'confidence', l.confidence)}${data('e', 'rule', l.rule)}${data('e', 'quote', l.quote)}</edge>\n`,
        );
      }
    }
    if (out.length) yield out.join('');
  }
  yield '  </graph>\n</graphml>\n';
}

export function toGraphml(view: ExportView): Buffer {
  return Buffer.from([...graphmlChunks(view)].join(''), 'utf8');
}
