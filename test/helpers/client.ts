/**
 * A GraphQL client over real HTTP that keeps its session cookie and CSRF token as the web app
 * does: the one client of the API tests.
 */
import { PASSWORD } from './accounts.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; reason?: string; [k: string]: unknown } }[];
}

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  lastSetCookie: string[] = [];
  constructor(readonly url: string) {}

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, options: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (this.cookie) headers['cookie'] = this.cookie;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(`${this.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const c of this.lastSetCookie) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (name === 'samverkan_session') this.cookie = value ? `${name}=${value}` : null;
    }
    return { status: res.status, body: (await res.json()) as GraphQLResponse<T> };
  }

  async signIn(email: string, password = PASSWORD) {
    const r = await this.gql<{ signIn: { viewer: { csrfToken: string; role: string } | null; errors: { code: string; message: string }[] } }>(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { id role csrfToken } errors { field message code } } }',
      { e: email, p: password },
    );
    this.csrf = r.body.data?.signIn.viewer?.csrfToken ?? this.csrf;
    return r;
  }
}
