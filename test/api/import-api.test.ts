/**
 * The import API over real HTTP (issue 8): a generated Windows-1252 file uploaded in base64
 * chunks, previewed (encoding, delimiter, mapping, errors by row and column, proposed matches),
 * committed as a job in both modes with one bad row; refused chunks and wrong roles change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, SYSTEM, testServer, type Client, type TestServer } from '../helpers/harness.js';
import { buildImportFile, orgNumber } from '../../bench/import/generate.js';
import { meta } from '../../graph/cypher/statements/meta.js';
import { SEED_LIKE_ROWS as EXTRA } from '../helpers/import-rows.js';

const ROWS = 300;
const CHUNK = 16 * 1024;
const file = Buffer.from(buildImportFile(ROWS, { extraRows: EXTRA }));

interface UserErr {
  field: string | null;
  message: string;
  code: string;
}
const UPLOAD = 'upload { id byteLength receivedBytes nextIndex complete expiresAt } errors { field message code }';
const PREVIEW = `preview {
  uploadId format encoding delimiter rowCount fields
  columns { index header field how }
  rows { line cells }
  errorCount errors(first: 50) { line column field message }
  appliedMatchCount proposedMatchCount
  proposedMatches { line name status candidates { organisationId name score reason } }
  changeCount changes { organisationId organisationName lines field before after beforeBasis needsDecision allowed default proposed }
  summary { rows validRows invalidRows pendingRows importedRows }
} errors { field message code }`;
const JOB = 'id state progress { phase done total } error { field message code } report { committed notCommittedBecause mode fileName sourceId auditId errorCount errors { line column field message } summary { rows validRows invalidRows pendingRows importedRows organisationsCreated organisationsUpdated links } matchCount }';

interface Preview {
  uploadId: string;
  format: string;
  encoding: string;
  delimiter: string;
  rowCount: number;
  fields: string[];
  columns: { index: number; header: string; field: string | null; how: string }[];
  rows: { line: number; cells: string[] }[];
  errorCount: number;
  errors: { line: number; column: string; field: string; message: string }[];
  appliedMatchCount: number;
  proposedMatchCount: number;
  proposedMatches: { line: number; name: string; status: string; candidates: { organisationId: string; name: string; score: number; reason: string }[] }[];
  changes: { organisationId: string; field: string; before: string | null; after: string; beforeBasis: string | null; needsDecision: boolean; allowed: string[]; default: string; proposed: boolean }[];
  summary: Record<string, number>;
}
interface Job {
  id: string;
  state: string;
  progress: { phase: string; done: number; total: number };
  error: UserErr | null;
  report: {
    committed: boolean;
    notCommittedBecause: string | null;
    mode: string;
    fileName: string;
    sourceId: string;
    auditId: string | null;
    errorCount: number;
    errors: { line: number; column: string; field: string; message: string }[];
    summary: Record<string, number>;
    matchCount: number;
  } | null;
}

describe('import API', () => {
  let h: TestServer;
  let admin: Client;
  let editor: Client;
  let otherAdmin: Client;

  beforeAll(async () => {
    h = await testServer();
    const { fixtureHash } = await import('../helpers/fixture-hash.js');
    await h.accounts.users.create({ email: 'admin2@stad.example', displayName: 'Bo Admin', role: 'ADMIN' }, await fixtureHash(PASSWORD), SYSTEM);
    admin = await h.signedIn(h.users.admin);
    editor = await h.signedIn(h.users.editor);
    otherAdmin = await h.signedIn('admin2@stad.example');
  });
  afterAll(async () => h.close());

  async function fingerprint() {
    const [nodes, rels] = await Promise.all([h.store.engine.read((tx) => tx.run(meta.countNodes, {})), h.store.engine.read((tx) => tx.run(meta.countRelationships, {}))]);
    return { nodes: nodes[0]!.n, rels: rels[0]!.n, audits: await h.accounts.audit.count() };
  }

  async function start(client: Client, byteLength = file.byteLength, fileName = 'bidrag-2026.csv', format = 'CSV') {
    const r = await client.gql<{ startImport: { upload: { id: string } | null; errors: UserErr[] } }>(
      `mutation ($n: String!, $b: Int!, $f: ImportFormat!) { startImport(fileName: $n, byteLength: $b, format: $f) { ${UPLOAD} } }`,
      { n: fileName, b: byteLength, f: format },
    );
    return r.body.data!.startImport;
  }
  async function append(client: Client, id: string, index: number, data: string) {
    const r = await client.gql<{ appendImportChunk: { upload: { receivedBytes: number; nextIndex: number; complete: boolean } | null; errors: UserErr[] } }>(
      `mutation ($id: ID!, $i: Int!, $d: String!) { appendImportChunk(id: $id, index: $i, data: $d) { ${UPLOAD} } }`,
      { id, i: index, d: data },
    );
    return r.body.data!.appendImportChunk;
  }
  async function upload(client: Client, bytes: Buffer = file, fileName?: string, format?: string): Promise<string> {
    const { upload: u, errors } = await start(client, bytes.byteLength, fileName, format);
    expect(errors).toEqual([]);
    for (let i = 0, index = 0; i < bytes.byteLength; i += CHUNK, index++) {
      const r = await append(client, u!.id, index, bytes.subarray(i, i + CHUNK).toString('base64'));
      expect(r.errors).toEqual([]);
    }
    return u!.id;
  }
  async function preview(client: Client, id: string, mapping?: { column: string; field: string | null }[]) {
    const r = await client.gql<{ previewImport: { preview: Preview | null; errors: UserErr[] } }>(`mutation ($id: ID!, $m: [ImportColumnMapInput!]) { previewImport(id: $id, mapping: $m) { ${PREVIEW} } }`, { id, m: mapping ?? null });
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.previewImport;
  }
  async function commit(client: Client, id: string, variables: Record<string, unknown>) {
    const r = await client.gql<{ commitImport: { job: Job | null; errors: UserErr[] } }>(
      `mutation ($id: ID!, $mode: ImportMode!, $d: [ImportDecisionInput!], $a: Boolean, $f: [ImportFieldDecisionInput!]) { commitImport(id: $id, mode: $mode, decisions: $d, acceptMatches: $a, fieldDecisions: $f) { job { ${JOB} } errors { field message code } } }`,
      { id, ...variables },
    );
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.commitImport;
  }
  async function finished(client: Client, jobId: string): Promise<{ job: Job; phases: Set<string> }> {
    const phases = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const r = await client.gql<{ importJob: Job }>(`query ($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id: jobId });
      expect(r.body.errors).toBeUndefined();
      const job = r.body.data!.importJob;
      phases.add(job.progress.phase);
      if (job.state !== 'RUNNING') return { job, phases };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the import job did not finish');
  }

  it('uploads in chunks and previews encoding, delimiter, mapping, first rows, errors by row and column and proposed matches', async () => {
    const before = await fingerprint();
    const { upload: u, errors } = await start(admin);
    expect(errors).toEqual([]);
    expect(u).toMatchObject({ byteLength: file.byteLength, receivedBytes: 0, nextIndex: 0, complete: false });
    const chunks = Math.ceil(file.byteLength / CHUNK);
    expect(chunks).toBeGreaterThan(3);
    for (let i = 0; i < chunks; i++) {
      const r = await append(admin, u!.id, i, file.subarray(i * CHUNK, (i + 1) * CHUNK).toString('base64'));
      expect(r.errors).toEqual([]);
      expect(r.upload).toMatchObject({ nextIndex: i + 1, receivedBytes: Math.min(file.byteLength, (i + 1) * CHUNK), complete: i === chunks - 1 });
    }

    const { preview: p, errors: problems } = await preview(admin, u!.id);
    expect(problems).toEqual([]);
    expect(p).toMatchObject({ format: 'CSV', encoding: 'windows-1252', delimiter: ';', rowCount: ROWS + EXTRA.length });
    expect(p!.fields).toContain('targetGroups');
    expect(p!.columns.map((c) => [c.header, c.field, c.how])).toContainEqual(['Föreningens namn', 'name', 'SYNONYM']);
    expect(p!.columns.find((c) => c.header === 'Målgrupper')?.field).toBe('targetGroups');
    expect(p!.rows).toHaveLength(10);
    expect(p!.rows[0]!.cells[0]).toBe('Kistas Väntjänst nr 0');
    expect(p!.rows[0]!.cells[8]).toContain('Öppet alla vardagar.');

    // The one bad row, by row and column.
    expect(p!.errorCount).toBe(1);
    const bad = p!.errors[0]!;
    expect(bad).toMatchObject({ column: 'Målgrupper', field: 'targetGroups' });
    expect(bad.message).toContain('Marsianer');

    // Name matches are proposed, never applied by themselves.
    expect(p!.appliedMatchCount).toBe(0);
    const byName = new Map(p!.proposedMatches.map((m) => [m.name, m]));
    expect(byName.get('Stadsmissionen')).toMatchObject({ status: 'PENDING' });
    expect(byName.get('Stadsmissionen')!.candidates[0]!.organisationId).toBe('org:stockholms-stadsmission');
    expect(byName.get('Fralsningsarmén')!.candidates[0]!.organisationId).toBe('org:fralsningsarmen');
    expect(p!.proposedMatchCount).toBe(p!.proposedMatches.length);
    expect(p!.summary).toMatchObject({ rows: ROWS + EXTRA.length, invalidRows: 1, pendingRows: p!.proposedMatchCount });
    expect(await fingerprint()).toEqual(before);
  });

  it('previews another column mapping, and names the argument when the mapping is wrong', async () => {
    const id = await upload(admin);
    const ignored = await preview(admin, id, [{ column: 'Beskrivning', field: null }, { column: 'Webbplats', field: 'description' }]);
    expect(ignored.errors).toEqual([]);
    expect(ignored.preview!.columns.find((c) => c.header === 'Beskrivning')).toMatchObject({ field: null, how: 'IGNORED' });
    expect(ignored.preview!.columns.find((c) => c.header === 'Webbplats')).toMatchObject({ field: 'description', how: 'EXPLICIT' });

    // Without a name column the preview still shows the columns, so the mapping can be fixed.
    const noName = await preview(admin, id, [{ column: 'Föreningens namn', field: null }]);
    expect(noName.errors.map((e) => [e.field, e.code])).toEqual([['columns.name', 'BAD_USER_INPUT']]);
    expect(noName.preview!.columns).toHaveLength(9);
    expect(noName.preview!.errorCount).toBe(0);

    const unknownField = await preview(admin, id, [{ column: 'Beskrivning', field: 'shoeSize' }]);
    expect(unknownField.preview).toBeNull();
    expect(unknownField.errors).toMatchObject([{ field: 'mapping.0.field', code: 'BAD_USER_INPUT' }]);
  });

  it('refuses bad chunks with typed errors naming the argument', async () => {
    const tooLarge = await start(admin, 1024 ** 3);
    expect(tooLarge.errors).toMatchObject([{ field: 'byteLength', code: 'BAD_USER_INPUT' }]);
    expect((await start(admin, 100, '')).errors).toMatchObject([{ field: 'fileName', code: 'BAD_USER_INPUT' }]);

    const { upload: u } = await start(admin, 12);
    const id = u!.id;
    expect((await append(admin, id, 1, Buffer.from('abc').toString('base64'))).errors).toMatchObject([{ field: 'index', code: 'BAD_USER_INPUT' }]);
    expect((await append(admin, id, 0, 'not base64!')).errors).toMatchObject([{ field: 'data', code: 'BAD_USER_INPUT' }]);
    expect((await append(admin, id, 0, Buffer.from('more than twelve bytes').toString('base64'))).errors).toMatchObject([{ field: 'data', code: 'BAD_USER_INPUT' }]);
    expect((await append(admin, 'upload:nosuch', 0, 'YWJj')).errors).toMatchObject([{ field: 'id', code: 'NOT_FOUND' }]);
    // Another admin's upload is not theirs to fill, preview or commit.
    expect((await append(otherAdmin, id, 0, 'YWJj')).errors).toMatchObject([{ field: 'id', code: 'FORBIDDEN' }]);

    const first = await append(admin, id, 0, Buffer.from('Namn;Ort\n').toString('base64'));
    expect(first.errors).toEqual([]);
    expect(first.upload).toMatchObject({ receivedBytes: 9, nextIndex: 1, complete: false });
    // Incomplete: nothing to preview or commit yet.
    expect((await preview(admin, id)).errors).toMatchObject([{ field: 'id', code: 'BAD_USER_INPUT' }]);
    expect((await commit(admin, id, { mode: 'ALL' })).errors).toMatchObject([{ field: 'id', code: 'BAD_USER_INPUT' }]);
    expect((await append(admin, id, 1, Buffer.from('A;B').toString('base64'))).upload).toMatchObject({ complete: true });
    expect((await preview(otherAdmin, id)).errors).toMatchObject([{ field: 'id', code: 'FORBIDDEN' }]);
    expect((await commit(otherAdmin, id, { mode: 'ALL' })).errors).toMatchObject([{ field: 'id', code: 'FORBIDDEN' }]);
    // A decision about an organisation that does not exist names the decision.
    expect((await commit(admin, id, { mode: 'ALL', d: [{ line: 2, organisationId: 'org:finns-inte' }] })).errors).toMatchObject([{ field: 'decisions.0.organisationId', code: 'BAD_USER_INPUT' }]);
    // The declared format decides how the file is read.
    const { upload: x } = await start(admin, 9, 'lista.xlsx', 'XLSX');
    await append(admin, x!.id, 0, Buffer.from('Namn;Ort\n').toString('base64'));
    expect((await preview(admin, x!.id)).errors).toMatchObject([{ field: 'format', code: 'BAD_USER_INPUT' }]);
  });

  it('refuses anonymous callers and editors, and changes nothing', async () => {
    const id = await upload(admin);
    const before = await fingerprint();
    const operations = [
      { query: 'mutation { startImport(fileName: "a.csv", byteLength: 10, format: CSV) { errors { code } } }', variables: {} },
      { query: 'mutation ($id: ID!) { appendImportChunk(id: $id, index: 0, data: "YWJj") { errors { code } } }', variables: { id } },
      { query: 'mutation ($id: ID!) { previewImport(id: $id) { errors { code } } }', variables: { id } },
      { query: 'mutation ($id: ID!) { commitImport(id: $id, mode: VALID, acceptMatches: true) { job { id } errors { code } } }', variables: { id } },
      { query: 'query { importJob(id: "importjob:x") { id } }', variables: {} },
    ];
    for (const op of operations) {
      const anon = await h.client().gql(op.query, op.variables);
      expect(anon.body.errors?.[0]?.extensions?.code, op.query).toBe('UNAUTHENTICATED');
      const ed = await editor.gql(op.query, op.variables);
      expect(ed.body.errors?.[0]?.extensions?.code, op.query).toBe('FORBIDDEN');
    }
    // A mutation from the admin's session without the CSRF token is refused too.
    const noCsrf = await admin.gql(operations[3]!.query, operations[3]!.variables, { csrf: null });
    expect(noCsrf.status).toBe(403);
    expect(await fingerprint()).toEqual(before);
    // The upload is still the admin's, untouched: it previews as before.
    expect((await preview(admin, id)).preview!.rowCount).toBe(ROWS + EXTRA.length);
  });

  it('commits nothing in all-or-nothing mode when one row is bad, and the valid, confirmed rows in valid mode, audited', async () => {
    const id = await upload(admin);
    const { preview: p } = await preview(admin, id);
    const stadsmission = p!.proposedMatches.find((m) => m.name === 'Stadsmissionen')!;
    const fralsning = p!.proposedMatches.find((m) => m.name === 'Fralsningsarmén')!;
    // Every proposal decided: Stadsmissionen confirmed, the other rejected (a new organisation), the rest as new too.
    const decisions = p!.proposedMatches.map((m) => ({ line: m.line, organisationId: m === stadsmission ? 'org:stockholms-stadsmission' : null }));
    expect(decisions.length).toBeLessThanOrEqual(100);
    // The preview shows what the proposed match would change: the curated description before and after, kept unless decided (issue 22).
    const described = p!.changes.find((c) => c.organisationId === 'org:stockholms-stadsmission' && c.field === 'description')!;
    expect(described).toMatchObject({ after: 'Stöd till hemlösa.', beforeBasis: 'STATED', needsDecision: true, default: 'KEEP', allowed: ['KEEP', 'REPLACE'], proposed: true });
    expect(described.before).toMatch(/gemensamma arbetsgrupp/);

    const before = await fingerprint();
    const all = await commit(admin, id, { mode: 'ALL', d: decisions });
    expect(all.errors).toEqual([]);
    const allDone = (await finished(admin, all.job!.id)).job;
    expect(allDone.state).toBe('SUCCEEDED');
    expect(allDone.report).toMatchObject({ committed: false, mode: 'ALL', fileName: 'bidrag-2026.csv', auditId: null, errorCount: 1 });
    expect(allDone.report!.notCommittedBecause).toMatch(/all-or-nothing/);
    expect(allDone.report!.errors[0]).toMatchObject({ column: 'Målgrupper', field: 'targetGroups' });
    expect(await fingerprint()).toEqual(before);

    const beforeOrg = (await h.store.organisations.get('org:stockholms-stadsmission'))!;
    const valid = await commit(admin, id, { mode: 'VALID', d: decisions, f: [{ organisationId: 'org:stockholms-stadsmission', field: 'description', decision: 'REPLACE' }] });
    expect(valid.errors).toEqual([]);
    const { job, phases } = await finished(admin, valid.job!.id);
    expect(job.error).toBeNull();
    expect(job.state).toBe('SUCCEEDED');
    expect(phases.has('DONE')).toBe(true);
    const report = job.report!;
    expect(report).toMatchObject({ committed: true, mode: 'VALID', errorCount: 1 });
    expect(report.summary).toMatchObject({ rows: ROWS + EXTRA.length, invalidRows: 1, pendingRows: 0, importedRows: ROWS + EXTRA.length - 1, organisationsUpdated: 1 });
    expect(report.summary['organisationsCreated']).toBe(ROWS + 1);

    // The confirmed match updated the existing organisation's description, as decided (its name kept; Stadsmissionen was an alias already); the rejected one is new.
    const after = (await h.store.organisations.get('org:stockholms-stadsmission'))!;
    expect(after.name).toBe(beforeOrg.name);
    expect(after.description).toBe('Stöd till hemlösa.');
    expect(after.aliases).toContain('Stadsmissionen');
    expect(fralsning.line).toBeGreaterThan(2);
    const page = await h.store.organisations.list({ text: 'Fralsningsarmén' }, { first: 10 });
    expect(page.nodes.map((o) => o.name)).toContain('Fralsningsarmén');
    const bad = await h.store.organisations.list({ text: 'Felradens förening' }, { first: 10 });
    expect(bad.nodes.map((o) => o.name)).not.toContain('Felradens förening');

    // One audit record for the import, and one in the history of the organisation whose details it changed, in the import's transaction.
    expect(await h.accounts.audit.count()).toBe(before.audits + 2);
    const [history] = await h.accounts.audit.forEntity('Organisation', 'org:stockholms-stadsmission', 1);
    expect(history).toMatchObject({ action: 'IMPORT', after: { import: report.auditId } });
    const audit = await admin.gql<{ auditRecord: { action: string; entityType: string; entityId: string; actorId: string; after: string } }>(
      'query ($id: ID!) { auditRecord(id: $id) { action entityType entityId actorId after } }',
      { id: report.auditId },
    );
    expect(audit.body.data!.auditRecord).toMatchObject({ action: 'IMPORT', entityType: 'Import', entityId: report.sourceId });
    const recorded = JSON.parse(audit.body.data!.auditRecord.after) as { organisationsCreated: number; updated: string[]; created: string[] };
    expect(recorded.organisationsCreated).toBe(ROWS + 1);
    expect(recorded.created).toHaveLength(ROWS + 1);
    expect(recorded.updated).toEqual(['org:stockholms-stadsmission']);

    // A written upload cannot be written twice.
    expect((await commit(admin, id, { mode: 'VALID', d: decisions })).errors).toMatchObject([{ field: 'id', code: 'CONFLICT' }]);
    // And a job is only its owner's.
    const other = await otherAdmin.gql(`query ($id: ID!) { importJob(id: $id) { id } }`, { id: job.id });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    const unknown = await admin.gql(`query { importJob(id: "importjob:nosuch") { id } }`);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
  it('says every row problem and file problem in the language of the request, with its code, row, column and values', async () => {
    // A row with each kind of problem, one repeated row and two rows about one organisation that disagree.
    const same = orgNumber(987);
    const lines = [
      'Namn;Organisationsnummer;E-post;Webbplats;Telefon;Målgrupper;Stadsdel;Avtalstyp',
      'Qwxz Rad två;;inte-en-adress;;;Äldre;Kista;',
      ';;;;;Äldre;Kista;',
      'Qwxz Rad fyra;;;ftp://exempel.se;abc;Marsianer;;',
      'Qwxz Rad fem;123456-7890;;;;Äldre;Kista;Avtalsgrej',
      'Qwxz Bra förening;;;;;Äldre;Kista;',
      'Qwxz Bra förening;;;;;Äldre;Kista;',
      `Qwxz Konfliktföreningen;${same};a@exempel.se;;;Äldre;Kista;`,
      `Qwxz Konfliktföreningen;${same};b@exempel.se;;;Äldre;Rinkeby;`,
      `${'Å'.repeat(201)};;;;;Äldre;;`,
    ];
    const id = await upload(admin, Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'), 'problem.csv');
    const PROBLEMS = 'line column field code values message';
    const read = async (lang: string | null) => {
      const r = await admin.gql<{ previewImport: { preview: { errors: Problem[]; warnings: Problem[] }; errors: UserErr[] } }>(
        `mutation ($id: ID!) { previewImport(id: $id) { preview { errors(first: 50) { ${PROBLEMS} } warnings { ${PROBLEMS} } } errors { field message code } } }`,
        { id },
        lang ? { headers: { 'accept-language': lang } } : {},
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data!.previewImport.errors).toEqual([]);
      return r.body.data!.previewImport.preview;
    };
    type Problem = { line: number; column: string; field: string; code: string; values: Record<string, unknown>; message: string };

    const sv = await read('sv-SE,sv;q=0.9');
    const en = await read('en-GB,en;q=0.8');
    // The page's default (no Accept-Language) is Swedish.
    expect((await read(null)).errors.map((e) => e.message)).toEqual(sv.errors.map((e) => e.message));

    const expected = [
      [2, 'E-post', 'email', 'INVALID_VALUE'],
      [3, 'Namn', 'name', 'MISSING_VALUE'],
      [4, 'Webbplats', 'website', 'INVALID_VALUE'],
      [4, 'Telefon', 'phone', 'INVALID_VALUE'],
      [4, 'Målgrupper', 'targetGroups', 'UNKNOWN_REFERENCE'],
      [5, 'Organisationsnummer', 'orgNumber', 'INVALID_VALUE'],
      [5, 'Avtalstyp', 'agreementKind', 'NOT_ONE_OF'],
      [9, 'E-post', 'email', 'CONFLICTING_VALUES'],
      [10, 'Namn', 'name', 'TOO_LONG'],
    ];
    const key = (p: Problem) => `${p.line}|${p.column}|${p.field}|${p.code}`;
    for (const preview of [sv, en]) {
      expect(preview.errors.map(key).sort()).toEqual(expected.map((e) => e.join('|')).sort());
      expect(preview.warnings.map(key)).toEqual(['7||row|DUPLICATE_ROW']);
    }
    const byKey = (list: Problem[]) => new Map(list.map((p) => [key(p), p]));
    const svBy = byKey([...sv.errors, ...sv.warnings]);
    const enBy = byKey([...en.errors, ...en.warnings]);
    // Values say what the sentence is built from, in both languages alike.
    expect(svBy.get('4|Målgrupper|targetGroups|UNKNOWN_REFERENCE')!.values).toEqual({ value: 'Marsianer', suggestions: expect.any(Array) });
    expect(svBy.get('5|Avtalstyp|agreementKind|NOT_ONE_OF')!.values).toEqual({ value: 'Avtalsgrej', allowed: ['COMPACT', 'IOP', 'GRANT', 'PROCUREMENT', 'OTHER'] });
    expect(svBy.get('7||row|DUPLICATE_ROW')!.values).toEqual({ row: 6 });
    expect(svBy.get('9|E-post|email|CONFLICTING_VALUES')!.values).toEqual({ value: 'b@exempel.se', row: 8, other: 'a@exempel.se' });
    expect(svBy.get('10|Namn|name|TOO_LONG')!.values).toMatchObject({ max: 200 });
    for (const [k, p] of svBy) expect(enBy.get(k)!.values, k).toEqual(p.values);

    // Swedish sentences, with no English in them once the cell's text is taken out.
    const english = /\b(the|is|are|not|of|and|with|which|must|row|column|known|valid|value|missing|too|long|same|write|identical|skipped|did|you|mean)\b/i;
    const cellText = (p: Problem) => Object.values(p.values).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String);
    for (const p of svBy.values()) {
      const words = cellText(p).reduce((t, v) => t.split(v).join(' '), p.message);
      expect(words, p.message).not.toMatch(english);
    }
    expect(svBy.get('2|E-post|email|INVALID_VALUE')!.message).toBe('”inte-en-adress” är inte en giltig e-postadress (namn@exempel.se).');
    expect(svBy.get('3|Namn|name|MISSING_VALUE')!.message).toBe('Namnet saknas: varje rad behöver ett namn på organisationen.');
    expect(svBy.get('4|Målgrupper|targetGroups|UNKNOWN_REFERENCE')!.message).toMatch(/^”Marsianer” finns inte bland målgrupperna\./);
    expect(svBy.get('5|Organisationsnummer|orgNumber|INVALID_VALUE')!.message).toContain('är inte ett giltigt organisationsnummer');
    expect(svBy.get('5|Avtalstyp|agreementKind|NOT_ONE_OF')!.message).toContain('Skriv överenskommelse, IOP, bidrag, upphandling eller annat');
    expect(svBy.get('7||row|DUPLICATE_ROW')!.message).toBe('Raden är likadan som rad 6 och hoppas över.');
    // The same problems in English.
    expect(enBy.get('2|E-post|email|INVALID_VALUE')!.message).toBe('"inte-en-adress" is not an e-mail address (name@example.com).');
    expect(enBy.get('4|Webbplats|website|INVALID_VALUE')!.message).toContain('is not a valid web address');
    expect(enBy.get('9|E-post|email|CONFLICTING_VALUES')!.message).toBe('"b@exempel.se" disagrees with row 8 ("a@exempel.se") about the same organisation: the rows must give the same e-mail.');
    expect(enBy.get('7||row|DUPLICATE_ROW')!.message).toBe('The row is identical to row 6 and is skipped.');

    // A mapping without a name column, and files the import cannot read: named by field, said in the language asked.
    const noName = async (lang: string) =>
      (await admin.gql<{ previewImport: { errors: UserErr[] } }>('mutation ($id: ID!, $m: [ImportColumnMapInput!]) { previewImport(id: $id, mapping: $m) { errors { field message code } } }', { id, m: [{ column: 'Namn', field: null }] }, { headers: { 'accept-language': lang } })).body
        .data!.previewImport.errors;
    expect(await noName('sv')).toEqual([{ field: 'columns.name', code: 'BAD_USER_INPUT', message: expect.stringMatching(/^Ingen kolumn fyller fältet namn, som krävs\./) }]);
    expect(await noName('en')).toEqual([{ field: 'columns.name', code: 'BAD_USER_INPUT', message: expect.stringMatching(/^No column fills the name field, which is required\./) }]);

    const broken = await upload(admin, Buffer.from('Namn;Beskrivning\n"Öppen citering;x\n', 'utf8'), 'trasig.csv');
    const brokenSv = (await admin.gql<{ previewImport: { preview: null; errors: UserErr[] } }>('mutation ($id: ID!) { previewImport(id: $id) { preview { uploadId } errors { field message code } } }', { id: broken }, { headers: { 'accept-language': 'sv' } })).body.data!.previewImport;
    expect(brokenSv.preview).toBeNull();
    expect(brokenSv.errors).toEqual([{ field: expect.stringMatching(/^file/), code: 'BAD_USER_INPUT', message: expect.stringMatching(/^Filen är inte giltig CSV: ett citattecken avslutas aldrig/) }]);

    const wrongFormat = await upload(admin, Buffer.from('Namn\nA\n', 'utf8'), 'lista.xlsx', 'XLSX');
    const say = async (lang: string) => (await admin.gql<{ previewImport: { errors: UserErr[] } }>('mutation ($id: ID!) { previewImport(id: $id) { errors { field message code } } }', { id: wrongFormat }, { headers: { 'accept-language': lang } })).body.data!.previewImport.errors;
    expect(await say('sv')).toEqual([{ field: 'format', code: 'BAD_USER_INPUT', message: 'Filen är ingen XLSX-arbetsbok. Börja om och välj CSV.' }]);
    expect(await say('en')).toEqual([{ field: 'format', code: 'BAD_USER_INPUT', message: 'The file is not an XLSX workbook. Start again with the format CSV.' }]);
  });
});
