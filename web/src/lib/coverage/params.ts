/** The coverage view in the URL: `?level=sd` (stadsdelar; default stadsdelsområden), `tg=` (repeatable), `sel=` a district. */
import type { DistrictKind } from '$lib/graphql/generated.js';

export interface CoverageParams {
  level: Extract<DistrictKind, 'STADSDELSOMRADE' | 'STADSDEL'>;
  tg: string[];
  sel: string;
}

export function parseCoverageParams(params: URLSearchParams): CoverageParams {
  return {
    level: params.get('level') === 'sd' ? 'STADSDEL' : 'STADSDELSOMRADE',
    tg: [...new Set(params.getAll('tg').map((v) => v.trim()).filter(Boolean))].slice(0, 60),
    sel: (params.get('sel') ?? '').trim().slice(0, 200),
  };
}

export function coverageSearch(p: CoverageParams, sel = p.sel): string {
  const q = new URLSearchParams();
  if (p.level === 'STADSDEL') q.set('level', 'sd');
  for (const t of p.tg) q.append('tg', t);
  if (sel) q.set('sel', sel);
  const s = q.toString();
  return s ? `?${s}` : '';
}
