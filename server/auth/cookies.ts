/**
 * The session cookie: httpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
 * POSTs), Secure unless COOKIE_SECURE=false, and with the `__Host-` prefix when Secure (then
 * browsers accept it only from this host, over https, for path /).
 */
export const cookieName = (secure: boolean) => (secure ? '__Host-samverkan_session' : 'samverkan_session');

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (!out.has(k)) {
      try {
        out.set(k, decodeURIComponent(v));
      } catch {
        out.set(k, v);
      }
    }
  }
  return out;
}

export function serializeCookie(name: string, value: string, options: { secure: boolean; maxAgeSeconds: number; path?: string }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
