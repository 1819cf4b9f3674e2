/**
 * Editors at work through the API, for the cluster tests and benchmark: each signs in, then reads
 * an organisation's version and changes its description, and searches, in a loop. Every answer is
 * recorded: acknowledged writes (with their audit record), conflicts (with the version sent), 5xx
 * and failed requests. `verifyEditors` checks afterwards, in the database itself, that every
 * acknowledged write is there and every conflict had a write before it.
 */
import type { GraphEngine } from '../../graph/engines/port.js';
import { defineStatement } from '../../graph/cypher/statement.js';

export interface Ack {
  organisationId: string;
  sentVersion: number;
  auditId: string;
  description: string;
  at: number;
}

export interface EditorRun {
  requests: number;
  status5xx: number;
  /** The first few 5xx answers (kind, status, body), to say what they were. */
  samples5xx: string[];
  acknowledged: Ack[];
  conflicts: { organisationId: string; sentVersion: number }[];
  failures: string[];
  latencies: { search: number[]; profile: number[]; update: number[] };
  acknowledgedAfter(at: number): number;
}

interface Answer<T> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A client with the session cookie and CSRF token of one editor. */
class Session {
  private cookie = '';
  private csrf = '';
  constructor(private readonly url: string) {}

  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair!.startsWith('samverkan_session=')) this.cookie = pair!;
    }
    const text = await res.text();
    let body: Answer<T>['body'];
    try {
      body = JSON.parse(text) as Answer<T>['body'];
    } catch {
      body = { errors: [{ message: text.slice(0, 200) }] };
    }
    return { status: res.status, body };
  }

  async signIn(email: string, password: string): Promise<void> {
    const r = await this.gql<{ signIn: { viewer: { csrfToken: string } | null } }>(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { csrfToken } errors { code message } } }',
      { e: email, p: password },
    );
    const viewer = r.body.data?.signIn.viewer;
    if (!viewer) throw new Error(`sign-in of ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = viewer.csrfToken;
  }
}

export interface EditorOptions {
  admin: { email: string; password: string };
  editors: number;
  seconds: number;
  /** The organisations they edit (fewer: more conflicts). */
  organisations?: number;
  /** Requests that fail (a server killed) are recorded, not thrown. */
  allowFailures?: boolean;
}

let runs = 0;

export async function runEditors(url: string, options: EditorOptions): Promise<EditorRun> {
  const run = ++runs;
  const admin = new Session(url);
  await admin.signIn(options.admin.email, options.admin.password);
  const password = 'redaktörernas långa lösenord';
  const sessions: Session[] = [];
  for (let i = 0; i < options.editors; i++) {
    const email = `redaktor-${process.pid}-${run}-${i}@stad.example`;
    const made = await admin.gql<{ createUser: { errors: unknown[] } }>('mutation ($i: CreateUserInput!) { createUser(input: $i) { errors { code message } } }', {
      i: { email, displayName: `Redaktör ${run}.${i}`, role: 'EDITOR', password },
    });
    if (made.body.data?.createUser.errors.length !== 0) throw new Error(`creating ${email}: ${JSON.stringify(made.body)}`);
    const s = new Session(url);
    await s.signIn(email, password);
    sessions.push(s);
  }
  const list = await admin.gql<{ organisations: { edges: { node: { id: string } }[] } }>(`{ organisations(first: ${options.organisations ?? 20}) { edges { node { id } } } }`);
  const ids = list.body.data!.organisations.edges.map((e) => e.node.id);

  const out: EditorRun = {
    requests: 0,
    status5xx: 0,
    samples5xx: [],
    acknowledged: [],
    conflicts: [],
    failures: [],
    latencies: { search: [], profile: [], update: [] },
    acknowledgedAfter(at: number) {
      return this.acknowledged.filter((a) => a.at >= at).length;
    },
  };
  const until = Date.now() + options.seconds * 1000;
  const timed = async <T>(kind: keyof EditorRun['latencies'], call: () => Promise<Answer<T>>): Promise<Answer<T> | null> => {
    const t = performance.now();
    out.requests++;
    try {
      const answer = await call();
      out.latencies[kind].push(performance.now() - t);
      if (answer.status >= 500) {
        out.status5xx++;
        if (out.samples5xx.length < 5) out.samples5xx.push(`${kind}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
      return answer;
    } catch (error) {
      out.failures.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
      if (!options.allowFailures) throw error;
      return null;
    }
  };
  await Promise.all(
    sessions.map(async (s, e) => {
      for (let n = 0; Date.now() < until; n++) {
        const id = ids[(e * 7 + n * 3) % ids.length]!;
        if (n % 3 === 2) {
          await timed('search', () => s.gql('query ($t: String!) { organisations(filter: {text: $t}, first: 10) { totalCount edges { node { id name } } } }', { t: n % 2 ? 'förening' : 'hemlösa' }));
          continue;
        }
        const read = await timed('profile', () => s.gql<{ organisation: { version: number } }>('query ($id: ID!) { organisation(id: $id) { id name version targetGroups { id } } }', { id }));
        const version = read?.body.data?.organisation.version;
        if (version === undefined) continue;
        const description = `Ändrad av redaktör ${e} (${run}.${n})`;
        const written = await timed('update', () =>
          s.gql<{ updateOrganisation: { auditId: string | null; errors: { code: string }[] } }>(
            'mutation ($id: ID!, $v: Int!, $d: String!) { updateOrganisation(id: $id, input: {description: $d, version: $v}) { auditId errors { code } } }',
            { id, v: version, d: description },
          ),
        );
        const payload = written?.body.data?.updateOrganisation;
        if (!payload) {
          if (written && written.status < 500) out.failures.push(`update: ${written.status} ${JSON.stringify(written.body).slice(0, 200)}`);
          continue;
        }
        if (payload.errors.length === 0 && payload.auditId) out.acknowledged.push({ organisationId: id, sentVersion: version, auditId: payload.auditId, description, at: Date.now() });
        else if (payload.errors[0]?.code === 'CONFLICT') out.conflicts.push({ organisationId: id, sentVersion: version });
        else out.failures.push(`update: ${JSON.stringify(payload.errors)}`);
      }
    }),
  );
  return out;
}

const auditIds = defineStatement<{ ids: string[] }, { id: string }>({ name: 'cluster.auditIds', mode: 'read', cypher: 'UNWIND $ids AS key MATCH (a:AuditRecord {id: key}) RETURN a.id AS id', example: { ids: ['x'] } });
const versions = defineStatement<{ ids: string[] }, { id: string; version: number; description: string | null }>({
  name: 'cluster.versions',
  mode: 'read',
  cypher: 'UNWIND $ids AS key MATCH (o:Organisation {id: key}) RETURN o.id AS id, o.version AS version, o.description AS description',
  example: { ids: ['x'] },
});

/**
 * Every acknowledged write has its audit record in the database, each organisation holds its last
 * acknowledged description, and every conflict answered a version someone had already moved on from.
 */
export async function verifyEditors(engine: GraphEngine, run: EditorRun): Promise<{ lost: string[]; unjustifiedConflicts: string[] }> {
  const found = new Set((await engine.read((tx) => tx.run(auditIds, { ids: run.acknowledged.map((a) => a.auditId) }))).map((r) => r.id));
  const lost = run.acknowledged.filter((a) => !found.has(a.auditId)).map((a) => `${a.organisationId} v${a.sentVersion} (${a.auditId})`);
  const orgs = [...new Set(run.acknowledged.map((a) => a.organisationId))];
  const stored = new Map((await engine.read((tx) => tx.run(versions, { ids: orgs }))).map((r) => [r.id, r]));
  for (const id of orgs) {
    const last = run.acknowledged.filter((a) => a.organisationId === id).sort((x, y) => y.sentVersion - x.sentVersion)[0]!;
    const now = stored.get(id);
    // The newest acknowledged write's text is the stored one unless a write nobody saw acknowledged came later (a kill).
    if (!now || (now.version === last.sentVersion + 1 && now.description !== last.description)) lost.push(`${id}: holds ${JSON.stringify(now?.description)}, the last acknowledged write said ${JSON.stringify(last.description)}`);
  }
  const moved = new Map<string, number[]>();
  for (const a of run.acknowledged) moved.set(a.organisationId, [...(moved.get(a.organisationId) ?? []), a.sentVersion]);
  const unjustifiedConflicts = run.conflicts
    .filter((c) => !(moved.get(c.organisationId) ?? []).some((v) => v >= c.sentVersion))
    .map((c) => `${c.organisationId} v${c.sentVersion}`);
  return { lost, unjustifiedConflicts };
}
