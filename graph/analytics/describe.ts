/**
 * Readable sentences for reasons, in Swedish or English, naming the real target groups, districts,
 * organisations, resources and agreements ("Båda arbetar med Personer i hemlöshet i Södermalm.").
 * Sentences are written from the point of view of the organisation that asked ("you"/"ni").
 */
import type { Lang, NameLookup } from './names.js';
import type { Reason } from './reasons.js';

function joinNames(names: string[], lang: Lang): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  const and = lang === 'sv' ? ' och ' : ' and ';
  return `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]!}`;
}

function lookupAll(ids: string[] | undefined, f: (id: string) => string | undefined): string[] {
  return (ids ?? []).map((id) => f(id) ?? id);
}

export function describeReason(reason: Reason, names: NameLookup, lang: Lang): string {
  const sv = lang === 'sv';
  const tg = lookupAll(reason.targetGroupIds, (id) => names.targetGroupName(id, lang));
  const ds = lookupAll(reason.districtIds, (id) => names.districtName(id));
  const rs = lookupAll(reason.resourceTypeIds, (id) => names.resourceTypeName(id, lang));
  const os = lookupAll(reason.viaOrganisationIds, (id) => names.organisationName(id));
  const ag = lookupAll(reason.agreementIds, (id) => names.agreementName(id));
  const um = lookupAll(reason.umbrellaIds, (id) => names.organisationName(id));
  switch (reason.kind) {
    case 'SHARED_TARGET_GROUP': {
      const where = ds.length > 0 ? (sv ? ` i ${joinNames(ds, lang)}` : ` in ${joinNames(ds, lang)}`) : '';
      if (reason.match === 'BROADER') {
        return sv
          ? `Båda arbetar inom den bredare målgruppen ${joinNames(tg, lang)}${where}.`
          : `Both work within the broader target group ${joinNames(tg, lang)}${where}.`;
      }
      return sv ? `Båda arbetar med ${joinNames(tg, lang)}${where}.` : `Both work with ${joinNames(tg, lang)}${where}.`;
    }
    case 'SHARED_DISTRICT':
      if (reason.match === 'BROADER') {
        return sv
          ? `Båda är verksamma inom ${joinNames(ds, lang)}.`
          : `Both are active within ${joinNames(ds, lang)}.`;
      }
      return sv ? `Båda är verksamma i ${joinNames(ds, lang)}.` : `Both are active in ${joinNames(ds, lang)}.`;
    case 'ADJACENT_DISTRICT': {
      // districtIds: [yours, theirs]
      const [yours = '', theirs = ''] = ds;
      return sv ? `Verksam i ${theirs}, som gränsar till ${yours}.` : `Active in ${theirs}, which borders ${yours}.`;
    }
    case 'COMPLEMENTARY_RESOURCE':
      if (reason.direction === 'NEEDS_WHAT_YOU_OFFER') {
        return sv ? `Behöver ${joinNames(rs, lang)}, som ni erbjuder.` : `Needs ${joinNames(rs, lang)}, which you offer.`;
      }
      return sv ? `Erbjuder ${joinNames(rs, lang)}, som ni behöver.` : `Offers ${joinNames(rs, lang)}, which you need.`;
    case 'TRIADIC_CLOSURE':
      return sv
        ? `Samarbetar redan med ${os.length === 1 ? 'er partner' : `${os.length} av era partner:`} ${joinNames(os, lang)}.`
        : `Already works with ${os.length === 1 ? 'your partner' : `${os.length} of your partners:`} ${joinNames(os, lang)}.`;
    case 'COMMON_AGREEMENT':
      return sv ? `Båda är parter i ${joinNames(ag, lang)}.` : `Both are parties to ${joinNames(ag, lang)}.`;
    case 'COMMON_UMBRELLA':
      return sv ? `Båda är medlemmar i ${joinNames(um, lang)}.` : `Both are members of ${joinNames(um, lang)}.`;
  }
}

/**
 * Sentences for a list of reasons (already ordered), the strongest first. The strongest shared
 * target group and the strongest shared district are said in one sentence
 * ("Båda arbetar med Personer i hemlöshet i Södermalm."); `max` limits the number of sentences.
 */
export function describeReasons(reasons: readonly Reason[], names: NameLookup, lang: Lang, max = 3): string[] {
  const tg = reasons.find((r) => r.kind === 'SHARED_TARGET_GROUP' && r.match !== 'BROADER');
  const d = reasons.find((r) => r.kind === 'SHARED_DISTRICT' && r.match !== 'BROADER');
  const out: string[] = [];
  for (const r of reasons) {
    if (out.length >= max) break;
    if (r === d && tg) continue;
    if (r === tg && d) {
      out.push(describeReason({ ...r, districtIds: d.districtIds ?? [] }, names, lang));
      continue;
    }
    out.push(describeReason(r, names, lang));
  }
  return out;
}
