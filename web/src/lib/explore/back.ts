/**
 * "Back to results": a card's link to a profile carries the Explore view's query string in `from`,
 * so the profile's back link returns to the same text, filters and page. Only a query string is
 * accepted (no other path or host: not an open redirect).
 */
export function profileHref(id: string, search: string): string {
  const base = `/organisation/${encodeURIComponent(id)}`;
  return search && search.startsWith('?') ? `${base}?${new URLSearchParams({ from: search })}` : base;
}

/** The Explore path to return to from a profile's URL (`/` when `from` is missing or not a query string). */
export function backToResults(params: URLSearchParams): string {
  const from = params.get('from') ?? '';
  return from.startsWith('?') && !from.includes('#') && from.length <= 2000 ? `/${from}` : '/';
}
