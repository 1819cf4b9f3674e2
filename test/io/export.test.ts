/**
 * Exports of filtered views of the seeded Stockholm graph: Excel-friendly CSV, JSON, GraphML
 * that a GraphML reader parses with its attributes, HSDS 3.0 that validates against the Open
 * Referral schemas, and the same over HTTP (GET /export) with typed errors for bad parameters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import graphologyModule from 'graphology';
import { parse as parseGraphmlWith } from 'graphology-graphml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { loadView, type ExportView } from '../../graph/io/export/view.js';
import { toCsv, toLinksCsv } from '../../graph/io/export/csv.js';
import { LINK_COLUMNS } from '../../graph/io/facts-format.js';
import { toJson } from '../../graph/io/export/json.js';
import { toGraphml } from '../../graph/io/export/graphml.js';
import { toHsdsDocument, hsdsId } from '../../graph/io/export/hsds.js';
import { EXPORT_FORMATS } from '../../graph/io/export/formats.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { importSpreadsheet } from '../../graph/io/import/importer.js';
import { tempStore, type TempStore } from '../helpers/store.js';
import { utf8 } from './helpers.js';

// CommonJS packages with ES-style declarations: at run time the default import may be the module itself.
const Graph = ((graphologyModule as unknown as { default?: unknown }).default ?? graphologyModule) as unknown as Parameters<typeof parseGraphmlWith>[0];
const parseGraphml = (xml: string) => parseGraphmlWith(Graph, xml);
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const HSDS_DIR = path.resolve(import.meta.dirname, '../fixtures/hsds');

let temp: TempStore;
let store: GraphStore;
let server: RunningServer;
let all: ExportView;
let disability: ExportView;

beforeAll(async () => {
  temp = await tempStore({ seeded: true });
  store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
  // An organisation whose e-mail and phone must not leave the store, and whose name Excel would run as a formula.
  const report = await importSpreadsheet(store.engine, utf8('Namn;E-post;Telefon;Målgrupp;Stadsdel\n=Formelföreningen;kontakt@formel.se;08-123 45 67;Personer med afasi;Kista\n'));
  expect(report.committed).toBe(true);
  all = await loadView(store, {});
  disability = await loadView(store, { targetGroups: ['tg:funktionsnedsattning'] });
  server = await startServer(store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 2000 });
});
afterAll(async () => {
  await server?.close();
  store?.projections.close();
  await temp?.cleanup();
});

describe('export views', () => {
  it('select by the organisation filter', () => {
    expect(all.organisations.length).toBeGreaterThan(80);
    expect(disability.organisations.length).toBeGreaterThan(3);
    expect(disability.organisations.length).toBeLessThan(all.organisations.length);
    const groups = new Set(['tg:funktionsnedsattning', 'tg:afasi', 'tg:horselnedsattning', 'tg:dova', 'tg:epilepsi', 'tg:reumatisk-sjukdom', 'tg:npf', 'tg:psykisk-ohalsa', 'tg:angest', 'tg:ocd']);
    for (const o of disability.organisations) expect(o.links.targetGroup.some((l) => groups.has(l.id))).toBe(true);
  });

  it('leave out e-mail addresses and phone numbers', () => {
    const json = toJson(disability).toString('utf8');
    expect(json).toContain('=Formelföreningen');
    expect(json).not.toContain('kontakt@formel.se');
    expect(json).not.toContain('123 45 67');
  });
});

describe('streamed writing', () => {
  it('writes each format a piece at a time with exactly the bytes of the whole document', async () => {
    const none = await loadView(store, { text: 'qxzvbjk' });
    expect(none.organisations).toEqual([]);
    for (const view of [all, disability, none]) {
      for (const [format, spec] of Object.entries(EXPORT_FORMATS)) {
        const chunks = [...spec.chunks(view)];
        expect(Buffer.from(chunks.join(''), 'utf8').equals(spec.write(view)), format).toBe(true);
        if (view === all) expect(chunks.length, format).toBeGreaterThanOrEqual(2);
      }
      // The JSON documents are exactly what JSON.stringify writes, streamed or not.
      const json = toJson(view).toString('utf8');
      expect(json).toBe(JSON.stringify(JSON.parse(json), null, 2) + '\n');
      expect(EXPORT_FORMATS.hsds.write(view).toString('utf8')).toBe(JSON.stringify(toHsdsDocument(view), null, 2) + '\n');
    }
  });
});

describe('CSV', () => {
  it('is UTF-8 with BOM, semicolons and CRLF, with formulas defused, and parses back', () => {
    const bytes = toCsv(disability);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      'id;namn;alternativa namn;organisationsnummer;juridisk form;beskrivning;webbplats;adress;status;status sedan;målgrupper;stadsdelar;överenskommelser;samverkan;erbjuder;behöver;medlem i;postens källa;postens grund;härledda länkar;syntetisk',
    );
    expect(text.replace(/"[^"]*"/g, '').includes('\n') && !/[^\r]\n/.test(text.replace(/"[^"]*"/g, ''))).toBe(true);
    const rows = parseCsv(text, { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(disability.organisations.length);
    const afasi = rows.find((r) => r['id'] === 'org:afasiforeningen-i-stockholms-lan')!;
    expect(afasi['namn']).toBe('Afasiföreningen i Stockholms län');
    expect(afasi['målgrupper']!.split(' | ')).toContain('Personer med afasi');
    // The record's source is the signatory list; its inferred links are counted apart, not covered by it.
    expect(afasi['postens grund']).toBe('STATED');
    expect(Number(afasi['härledda länkar'])).toBeGreaterThan(0);
    expect(rows.find((r) => r['namn'] === "'=Formelföreningen")).toBeDefined();
  });

  it('imports again (headers are the import synonyms)', async () => {
    const report = await importSpreadsheet(store.engine, toCsv(disability), { dryRun: true });
    expect(report.mapping.filter((m) => m.field === null).map((m) => m.column)).toEqual(['status', 'status sedan', 'erbjuder', 'behöver', 'medlem i', 'postens källa', 'postens grund', 'härledda länkar', 'syntetisk']);
    expect(report.matches.length).toBe(disability.organisations.length);
    expect(report.matches.every((m) => m.status === 'applied')).toBe(true);
  });

  it('gives every fact its own row in long format, with basis, confidence, rule, source and quote', () => {
    const text = toLinksCsv(all).toString('utf8').slice(1);
    const rows = parseCsv(text, { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...LINK_COLUMNS]);
    const links = all.organisations.reduce((n, o) => n + Object.values(o.links).reduce((m, l) => m + l.length, 0), 0);
    const facts = all.organisations.reduce((n, o) => n + [o.description, o.legalForm, o.website, o.status].filter(Boolean).length, 0);
    // The record's own: its name, each alias, and the details its source covers.
    const record = all.organisations.reduce((n, o) => n + 1 + o.aliases.length + [o.orgNumber, o.address, o.statusSince].filter(Boolean).length, 0);
    expect(rows).toHaveLength(links + facts + record);
    // The name carries the record's provenance.
    expect(rows.find((r) => r['organisation'] === 'org:stockholms-stadsmission' && r['uppgift'] === 'namn')).toMatchObject({ värde: 'Stockholms Stadsmission', grund: 'STATED' });
    const of = (org: string, kind: string, value: string) => rows.find((r) => r['organisation'] === org && r['uppgift'] === kind && r['värde'] === value)!;
    // An inference from a name: INFERRED, its rule, its confidence and the part of the name it rests on.
    expect(of('org:afasiforeningen-i-stockholms-lan', 'målgrupp', 'Personer med afasi')).toMatchObject({ grund: 'INFERRED', regel: 'NAME', säkerhet: '0.9', citat: 'Afasiföreningen i Stockholms län' });
    // The signature: STATED by the 2016 follow-up, with its quote.
    expect(of('org:afasiforeningen-i-stockholms-lan', 'överenskommelse', 'Överenskommelsen mellan Stockholms stad och den idéburna sektorn')).toMatchObject({ grund: 'STATED', källa: 'src:000', säkerhet: '1' });
    // Stockholms Stadsmission's description cites source 001, not the record's source 000.
    expect(of('org:stockholms-stadsmission', 'beskrivning', all.organisations.find((o) => o.id === 'org:stockholms-stadsmission')!.description!)).toMatchObject({ grund: 'STATED', källa: 'src:001' });
    // Livstycket's closure cites a source of its own; districts say which division they belong to.
    expect(of('org:livstycket', 'status', 'CLOSED')).toMatchObject({ grund: 'STATED', källa: 'src:livstycket-nedlaggning' });
    expect(of('org:jarvabygdekontor', 'område', 'Järva')).toMatchObject({ indelning: '2023-07-01–', grund: 'INFERRED', regel: 'NAME' });
    // Inferred facts are never written as stated.
    const inferred = rows.filter((r) => r['regel'] !== '');
    expect(inferred.length).toBeGreaterThan(50);
    expect(inferred.every((r) => r['grund'] === 'INFERRED')).toBe(true);
  });
});

describe('GraphML', () => {
  it('parses with a GraphML reader, with typed node and edge attributes', () => {
    const xml = toGraphml(disability).toString('utf8');
    expect(xml).toContain('<key id="n_label" for="node" attr.name="label" attr.type="string"/>');
    expect(xml).toContain('<key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>');
    const graph = parseGraphml(xml);
    const links = disability.organisations.reduce((n, o) => n + Object.values(o.links).reduce((m, l) => m + l.length, 0), 0);
    expect(graph.size).toBe(links);
    expect(graph.getNodeAttribute('org:afasiforeningen-i-stockholms-lan', 'label')).toBe('Afasiföreningen i Stockholms län');
    expect(graph.getNodeAttribute('org:afasiforeningen-i-stockholms-lan', 'kind')).toBe('Organisation');
    expect(graph.getNodeAttribute('tg:afasi', 'kind')).toBe('TargetGroup');
    const edge = graph.edges('org:afasiforeningen-i-stockholms-lan', 'tg:afasi')[0]!;
    expect(graph.getEdgeAttributes(edge)).toMatchObject({ type: 'SERVES', basis: 'INFERRED', confidence: 0.9, rule: 'NAME', quote: 'Afasiföreningen i Stockholms län', sourceId: 'src:inference' });
    // The description's own provenance, apart from the record's.
    expect(graph.getNodeAttributes('org:afasiforeningen-i-stockholms-lan')).toMatchObject({ basis: 'STATED', sourceId: 'src:000', descriptionBasis: 'INFERRED', descriptionSourceId: 'src:inference' });
    expect(typeof graph.getNodeAttribute('org:afasiforeningen-i-stockholms-lan', 'synthetic')).toBe('boolean');
  });
});

describe('HSDS 3.0', () => {
  // Unoptimised generated code: the same checks, compiled in half the time (the schemas are large).
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { optimize: false } });
  addFormats(ajv);
  const organization = ajv.compile(JSON.parse(fs.readFileSync(path.join(HSDS_DIR, 'organization.json'), 'utf8')));
  const service = ajv.compile(JSON.parse(fs.readFileSync(path.join(HSDS_DIR, 'service.json'), 'utf8')));

  it('validates every organization and service against the Open Referral schemas', () => {
    const doc = toHsdsDocument(all);
    expect(doc.organizations).toHaveLength(all.organisations.length);
    const problems: string[] = [];
    for (const org of doc.organizations) {
      if (!organization(org)) problems.push(`${String(org['name'])}: ${ajv.errorsText(organization.errors)}`);
      for (const s of org['services'] as Record<string, unknown>[]) if (!service(s)) problems.push(`${String(s['name'])}: ${ajv.errorsText(service.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  it('maps organisations, target groups as taxonomy terms and districts as service areas, each fact with its provenance as metadata', () => {
    const doc = toHsdsDocument(disability);
    const afasi = doc.organizations.find((o) => o['name'] === 'Afasiföreningen i Stockholms län')!;
    expect(afasi['id']).toBe(hsdsId('org:afasiforeningen-i-stockholms-lan'));
    type Meta = { field_name: string; last_action_type: string; updated_by: string };
    const services = afasi['services'] as { name: string; status: string; service_areas: { name: string; metadata: Meta[] }[]; attributes: { taxonomy_term: { code: string }; metadata: Meta[] }[] }[];
    const service = services.find((s) => s.attributes[0]?.taxonomy_term.code === 'tg:afasi')!;
    expect(service.name).toBe('Afasiföreningen i Stockholms län: Personer med afasi');
    expect(service.status).toBe('active');
    expect(doc.taxonomy_terms.map((t) => t['code'])).toContain('tg:afasi');
    // The target group rests on the name: the attribute's metadata says so.
    expect(service.attributes[0]!.metadata[0]).toMatchObject({ field_name: 'taxonomy_term_id', last_action_type: 'inferred' });
    expect(service.attributes[0]!.metadata[0]!.updated_by).toMatch(/^INFERRED \(NAME, säkerhet 0\.9\): Samverkan: kurering/);
    // The organisation's facts: the name stated by the follow-up, the description inferred from the name.
    const meta = afasi['metadata'] as Meta[];
    expect(meta.find((m) => m.field_name === 'name')).toMatchObject({ last_action_type: 'stated' });
    expect(meta.find((m) => m.field_name === 'description')).toMatchObject({ last_action_type: 'inferred' });
  });

  it('marks a closed organisation’s services defunct', () => {
    const doc = toHsdsDocument(all);
    const livstycket = doc.organizations.find((o) => o['name'] === 'Den ideella föreningen Livstycket')!;
    for (const s of livstycket['services'] as { status: string }[]) expect(s.status).toBe('defunct');
    expect((livstycket['metadata'] as { field_name: string; replacement_value: string }[]).find((m) => m.field_name === 'status')?.replacement_value).toBe('CLOSED');
  });

  it('would reject an organization that breaks the schema', () => {
    expect(organization({ id: 'not-a-uuid', name: 'X', description: '' })).toBe(false);
    expect(organization({ id: hsdsId('x'), name: 'X' })).toBe(false);
  });
});

describe('GET /export', () => {
  it('serves each format for a filter, as a download', async () => {
    const csv = await fetch(`${server.url}/export?format=csv&targetGroup=tg:funktionsnedsattning`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="samverkan-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(Number(csv.headers.get('x-organisations'))).toBe(disability.organisations.length);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const district = disability.organisations.flatMap((o) => o.links.district.map((d) => d.id))[0]!;
    const expected = await loadView(store, { targetGroups: ['tg:funktionsnedsattning'], districts: [district] });
    expect(expected.organisations.length).toBeGreaterThan(0);
    const json = (await (await fetch(`${server.url}/export?format=json&targetGroups=tg:funktionsnedsattning&district=${encodeURIComponent(district)}`)).json()) as {
      version: number;
      organisations: { id: string; fieldProvenance: Record<string, { basis: string; sourceId: string }>; links: { targetGroup: { basis: string; rule: string | null; quote: string | null }[] } }[];
      districts: { id: string; validFrom: string | null; validTo: string | null }[];
    };
    expect(json.version).toBe(2);
    expect(json.organisations.map((o) => o.id)).toEqual(expected.organisations.map((o) => o.id));
    // Each link and each about fact carries its own basis; districts the period of their division.
    for (const o of json.organisations) for (const l of o.links.targetGroup) if (l.basis === 'INFERRED') expect(l.rule).toBeTruthy();
    expect(json.districts.find((d) => d.id === 'district:sdo-rinkeby-kista')).toMatchObject({ validTo: '2023-06-30' });
    expect(json.districts.find((d) => d.id === 'district:sdo-jarva')).toMatchObject({ validFrom: '2023-07-01', validTo: null });

    const facts = await fetch(`${server.url}/export?format=csv-links&targetGroup=tg:funktionsnedsattning`);
    expect(facts.status).toBe(200);
    expect(facts.headers.get('content-disposition')).toMatch(/\.facts\.csv"$/);

    const graphml = await fetch(`${server.url}/export?format=graphml&text=stadsmission`);
    expect(graphml.headers.get('content-type')).toMatch(/graphml/);
    expect(parseGraphml(await graphml.text()).hasNode('org:stockholms-stadsmission')).toBe(true);

    const compact = await loadView(store, { agreementKinds: ['COMPACT'] });
    expect(compact.organisations.length).toBeGreaterThan(0);
    const hsds = (await (await fetch(`${server.url}/export?format=hsds&agreementKind=COMPACT`)).json()) as { organizations: { name: string }[] };
    expect(hsds.organizations.map((o) => o.name)).toEqual(compact.organisations.map((o) => o.name));
  });

  it('writes one export at a time per client (429 with Retry-After), streams the body, and then serves the next', async () => {
    // The same store behind a search that takes 300 ms, so the exports overlap.
    const organisations = Object.assign(Object.create(Object.getPrototypeOf(store.organisations) as object) as typeof store.organisations, store.organisations, {
      list: async (...args: Parameters<typeof store.organisations.list>) => {
        await new Promise((r) => setTimeout(r, 300));
        return store.organisations.list(...args);
      },
    });
    const slow = Object.assign(Object.create(Object.getPrototypeOf(store) as object) as GraphStore, store, { organisations });
    const busy = await startServer(slow, { port: 0, host: '127.0.0.1', shutdownGraceMs: 2000 });
    try {
      const answers = await Promise.all(Array.from({ length: 4 }, () => fetch(`${busy.url}/export?format=json`).then(async (r) => ({ status: r.status, retry: r.headers.get('retry-after'), body: await r.text() }))));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      const refused = answers.filter((a) => a.status === 429);
      expect(refused).toHaveLength(3);
      for (const r of refused) {
        expect(Number(r.retry)).toBeGreaterThan(0);
        expect(JSON.parse(r.body)).toMatchObject({ error: 'RATE_LIMITED', limit: 'EXPORTS_PER_CLIENT' });
      }
      // Streamed without a length, and whole: the same document as the file export.
      const done = await fetch(`${busy.url}/export?format=json`);
      expect(done.status).toBe(200);
      expect(done.headers.get('content-length')).toBeNull();
      expect(((await done.json()) as { organisations: unknown[] }).organisations).toHaveLength(all.organisations.length);
    } finally {
      await busy.close();
    }
  });

  it('answers bad parameters with 400 naming the parameter, and keeps serving', async () => {
    const badFormat = await fetch(`${server.url}/export?format=xls`);
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toMatchObject({ problems: [{ field: 'format' }] });
    const badKind = await fetch(`${server.url}/export?format=json&agreementKind=BRIBE`);
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { problems: { field: string }[] }).problems[0]!.field).toMatch(/^agreementKinds/);
    const unknownGroup = await fetch(`${server.url}/export?format=json&targetGroup=tg:finns-inte`);
    expect(unknownGroup.status).toBe(400);
    expect((await fetch(`${server.url}/export`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
