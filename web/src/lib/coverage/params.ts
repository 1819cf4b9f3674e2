/**
 * The coverage view in the URL: `?level=sd` (stadsdelar; default stadsdelsområden), `tg=` (repeatable),
 * `sel=` a district, `period=` the first day of a district division (default: the current one).
 */
import type { DistrictKind } from '$lib/graphql/generated.js';

export interface CoverageParams {
  level: Extract<DistrictKind, 'STADSDELSOMRADE' | 'STADSDEL'>;
  tg: string[];
  sel: string;
  /** YYYY-MM-DD, or '' for today's division. */
  period: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseCoverageParams(params: URLSearchParams): CoverageParams {
  const period = (params.get('period') ?? '').trim();
  return {
    level: params.get('level') === 'sd' ? 'STADSDEL' : 'STADSDELSOMRADE',
    tg: [...new Set(params.getAll('tg').map((v) => v.trim()).filter(Boolean))].slice(0, 60),
    sel: (params.get('sel') ?? '').trim().slice(0, 200),
    period: DAY.test(period) ? period : '',
  };
}

export function coverageSearch(p: CoverageParams, sel = p.sel): string {
  const q = new URLSearchParams();
  if (p.level === 'STADSDEL') q.set('level', 'sd');
  if (p.period) q.set('period', p.period);
  for (const t of p.tg) q.append('tg', t);
  if (sel) q.set('sel', sel);
  const s = q.toString();
  return s ? `?${s}` : '';
}
