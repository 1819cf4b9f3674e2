/**
 * Samples drawn from a generated graph, the same for bench:graph and bench:api: an organisation,
 * one of its target groups and one of its local districts (a search a person would make), and
 * organisations for profiles. Deterministic for a seed.
 */
import type { GraphBatch } from '../../graph/bulk/batch.js';

export function drawSamples(batch: GraphBatch, seedBatch: GraphBatch, seed: number, samples: number) {
  let r = seed * 7919 + 1;
  const rnd = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
  const orgIds = (batch.nodes.Organisation ?? []).map((o) => o.id);
  const servesOf = new Map<string, string[]>();
  for (const s of batch.rels.SERVES ?? []) servesOf.set(s.from, [...(servesOf.get(s.from) ?? []), s.to]);
  const districtKind = new Map([...(seedBatch.nodes.District ?? []), ...(batch.nodes.District ?? [])].map((d) => [d.id, String(d['kind'])]));
  const localOf = new Map<string, string[]>();
  for (const a of batch.rels.ACTIVE_IN ?? []) {
    if (a.fromLabel !== 'Organisation') continue;
    const kind = districtKind.get(a.to);
    if (kind === 'STADSDEL' || kind === 'STADSDELSOMRADE' || kind === 'MUNICIPALITY') localOf.set(a.from, [...(localOf.get(a.from) ?? []), a.to]);
  }
  const pairs: { tg: string; d: string }[] = [];
  while (pairs.length < samples) {
    const o = orgIds[Math.floor(rnd() * orgIds.length)]!;
    const tgs = servesOf.get(o);
    const ds = localOf.get(o);
    if (tgs?.length && ds?.length) pairs.push({ tg: tgs[Math.floor(rnd() * tgs.length)]!, d: ds[Math.floor(rnd() * ds.length)]! });
  }
  const sampleOrgs = Array.from({ length: samples }, () => orgIds[Math.floor(rnd() * orgIds.length)]!);

  return { pairs, sampleOrgs };
}
