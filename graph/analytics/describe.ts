/**
 * Readable sentences for reasons, in Swedish or English, naming both organisations and the real
 * target groups, districts, resources, agreements and partners ("Convictus och Stockholms
 * Stadsmission arbetar båda med Personer i hemlöshet i Södermalm."). A reason resting on a fact
 * that is not stated says so ("(härlett för Convictus)"); what many organisations share is said
 * once, as "also".
 */
import type { Lang, NameLookup } from './names.js';
import type { Reason, ReasonFact } from './reasons.js';

function joinNames(names: readonly string[], lang: Lang): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  const and = lang === 'sv' ? ' och ' : ' and ';
  return `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]!}`;
}

function lookupAll(ids: readonly string[] | undefined, f: (id: string) => string | undefined): string[] {
  return (ids ?? []).map((id) => f(id) ?? id);
}

/** The reason's own sentence, without the note on its basis. */
function sentence(reason: Reason, names: NameLookup, lang: Lang): string {
  const sv = lang === 'sv';
  const [aId, bId] = reason.organisationIds;
  const a = names.organisationName(aId) ?? aId;
  const b = names.organisationName(bId) ?? bId;
  const tg = lookupAll(reason.targetGroupIds, (id) => names.targetGroupName(id, lang));
  const ds = lookupAll(reason.districtIds, (id) => names.districtName(id));
  const rs = lookupAll(reason.resourceTypeIds, (id) => names.resourceTypeName(id, lang));
  const os = lookupAll(reason.viaOrganisationIds, (id) => names.organisationName(id));
  const ag = lookupAll(reason.agreementIds, (id) => names.agreementName(id));
  const um = lookupAll(reason.umbrellaIds, (id) => names.organisationName(id));
  const both = sv ? `${a} och ${b}` : `${a} and ${b}`;
  switch (reason.kind) {
    case 'SHARED_TARGET_GROUP': {
      const where = ds.length > 0 ? (sv ? ` i ${joinNames(ds, lang)}` : ` in ${joinNames(ds, lang)}`) : '';
      if (reason.match === 'BROADER') {
        return sv
          ? `${both} arbetar båda inom den bredare målgruppen ${joinNames(tg, lang)}${where}.`
          : `${both} both work within the broader target group ${joinNames(tg, lang)}${where}.`;
      }
      return sv ? `${both} arbetar båda med ${joinNames(tg, lang)}${where}.` : `${both} both work with ${joinNames(tg, lang)}${where}.`;
    }
    case 'SHARED_DISTRICT':
      if (reason.match === 'BROADER') return sv ? `${both} är båda verksamma inom ${joinNames(ds, lang)}.` : `${both} are both active within ${joinNames(ds, lang)}.`;
      return sv ? `${both} är båda verksamma i ${joinNames(ds, lang)}.` : `${both} are both active in ${joinNames(ds, lang)}.`;
    case 'ADJACENT_DISTRICT': {
      // districtIds: [a's, b's]
      const [x = '', y = ''] = ds;
      return sv ? `${b} är verksam i ${y}, som gränsar till ${x} där ${a} är verksam.` : `${b} is active in ${y}, which borders ${x}, where ${a} is active.`;
    }
    case 'COMPLEMENTARY_RESOURCE':
      if (reason.direction === 'NEEDS_WHAT_YOU_OFFER') return sv ? `${b} behöver ${joinNames(rs, lang)}, som ${a} erbjuder.` : `${b} needs ${joinNames(rs, lang)}, which ${a} offers.`;
      return sv ? `${b} erbjuder ${joinNames(rs, lang)}, som ${a} behöver.` : `${b} offers ${joinNames(rs, lang)}, which ${a} needs.`;
    case 'TRIADIC_CLOSURE':
      return sv
        ? `${b} samarbetar redan med ${joinNames(os, lang)}, som också samarbetar med ${a}.`
        : `${b} already works with ${joinNames(os, lang)}, who ${os.length === 1 ? 'also works' : 'also work'} with ${a}.`;
    case 'COMMON_AGREEMENT':
      return sv ? `${both} är båda parter i ${joinNames(ag, lang)}.` : `${both} are both parties to ${joinNames(ag, lang)}.`;
    case 'COMMON_UMBRELLA':
      return sv ? `${both} är båda medlemmar i ${joinNames(um, lang)}.` : `${both} are both members of ${joinNames(um, lang)}.`;
  }
}

/** "(härlett för A)": the organisations whose facts under the reason are inferred, entered or of unknown basis. */
function basisNote(facts: readonly ReasonFact[] | undefined, names: NameLookup, lang: Lang): string {
  if (!facts) return '';
  const by = (pred: (f: ReasonFact) => boolean) => [...new Set(facts.filter(pred).map((f) => f.organisationId))].map((id) => names.organisationName(id) ?? id);
  const inferred = by((f) => f.basis === 'INFERRED');
  const entered = by((f) => f.basis === 'ENTERED');
  const unknown = by((f) => f.basis === null);
  const sv = lang === 'sv';
  const parts: string[] = [];
  if (inferred.length) parts.push(sv ? `härlett för ${joinNames(inferred, lang)}` : `inferred for ${joinNames(inferred, lang)}`);
  if (entered.length) parts.push(sv ? `inmatat av en användare för ${joinNames(entered, lang)}` : `entered by a user for ${joinNames(entered, lang)}`);
  if (unknown.length) parts.push(sv ? `utan angiven grund för ${joinNames(unknown, lang)}` : `without a stated basis for ${joinNames(unknown, lang)}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export function describeReason(reason: Reason, names: NameLookup, lang: Lang): string {
  const s = sentence(reason, names, lang);
  const note = basisNote(reason.facts, names, lang);
  return note ? `${s.slice(0, -1)}${note}.` : s;
}

/** What a common reason names ("Stockholm", "Överenskommelsen …"), for the "also" sentence. */
function sharedThing(reason: Reason, names: NameLookup, lang: Lang): string[] {
  return [
    ...lookupAll(reason.targetGroupIds, (id) => names.targetGroupName(id, lang)),
    ...(reason.kind === 'ADJACENT_DISTRICT' ? [] : lookupAll(reason.districtIds, (id) => names.districtName(id))),
    ...lookupAll(reason.agreementIds, (id) => names.agreementName(id)),
    ...lookupAll(reason.umbrellaIds, (id) => names.organisationName(id)),
  ];
}

/** "De delar också sådant som många har: Stockholm och Överenskommelsen …" for the common reasons; null when there are none. */
export function describeAlso(reasons: readonly Reason[], names: NameLookup, lang: Lang): string | null {
  const things = [...new Set(reasons.filter((r) => r.common).flatMap((r) => sharedThing(r, names, lang)))];
  if (things.length === 0) return null;
  return lang === 'sv' ? `De delar också sådant som många har: ${joinNames(things, lang)}.` : `They also share what many have: ${joinNames(things, lang)}.`;
}

/**
 * Sentences for a list of reasons (already ordered), the strongest first: at most `max` main
 * reasons, then one "also" sentence for the common ones. The strongest shared target group and the
 * strongest shared district are said in one sentence ("… arbetar båda med Personer i hemlöshet i
 * Södermalm.").
 */
export function describeReasons(reasons: readonly Reason[], names: NameLookup, lang: Lang, max = 3): string[] {
  const main = reasons.filter((r) => !r.common);
  const tg = main.find((r) => r.kind === 'SHARED_TARGET_GROUP' && r.match !== 'BROADER');
  const d = main.find((r) => r.kind === 'SHARED_DISTRICT' && r.match !== 'BROADER');
  const out: string[] = [];
  for (const r of main) {
    if (out.length >= max) break;
    if (r === d && tg) continue;
    if (r === tg && d) {
      out.push(describeReason({ ...r, districtIds: d.districtIds ?? [], facts: [...(r.facts ?? []), ...(d.facts ?? [])] }, names, lang));
      continue;
    }
    out.push(describeReason(r, names, lang));
  }
  const also = describeAlso(reasons, names, lang);
  if (also) out.push(also);
  return out;
}

/** The name of what a fact links its organisation to (a target group, district, agreement…), or its id. */
export function factTargetName(fact: ReasonFact, names: NameLookup, lang: Lang): string {
  const name = (() => {
    switch (fact.relation) {
      case 'SERVES':
        return names.targetGroupName(fact.targetId, lang);
      case 'ACTIVE_IN':
        return names.districtName(fact.targetId);
      case 'PARTY_TO':
        return names.agreementName(fact.targetId);
      case 'OFFERS':
      case 'NEEDS':
        return names.resourceTypeName(fact.targetId, lang);
      case 'PARTICIPATES_IN':
        return names.collaborationName?.(fact.targetId);
      case 'MEMBER_OF':
      case 'SUGGESTION_DECISION':
        return names.organisationName(fact.targetId);
    }
  })();
  return name ?? fact.targetId;
}
