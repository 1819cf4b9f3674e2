/**
 * Open Referral HSDS 3.0 (https://docs.openreferral.org/en/latest/): each organisation as an
 * `organization` with its organisation number as an `organization_identifier`, one `service`
 * per target group it serves (its `service_areas` the districts it works in, the target group as
 * a `taxonomy_term` through an `attribute`), and the target-group taxonomy as `taxonomy_terms`.
 * HSDS ids are UUIDs: derived from our ids by UUIDv5, so they are stable between exports.
 *
 * Provenance goes where HSDS keeps it, in `metadata` ("a record of the changes made to the data in
 * order to maintain provenance information"): one entry per fact, on the organisation for its
 * description, legal status, website and status, on a service's attribute for its target group and
 * on a service area for the district, each saying its basis, confidence, rule and source. A closed
 * organisation's services are `defunct`, an inactive one's `inactive`.
 */
import { v5 as uuidv5 } from 'uuid';
import type { ExportOrganisation, ExportView } from './view.js';
import type { FactProvenance } from '../../model/facts.js';
import type { Provenance } from '../../model/records.js';
import { jsonObjectChunks } from './json.js';

/** The namespace of Samverkan's UUIDv5 ids (fixed: changing it changes every exported id). */
const NAMESPACE = '69a7c2b2-b296-4eb2-9698-0c09775f5019';
export const hsdsId = (id: string) => uuidv5(id, NAMESPACE);

const TAXONOMY = 'samverkan-malgrupper';

export interface HsdsDocument {
  hsds_version: '3.0';
  generated: string;
  publisher: string;
  organizations: Record<string, unknown>[];
  taxonomy_terms: Record<string, unknown>[];
}

function taxonomyTerm(view: ExportView, id: string, name: string): Record<string, unknown> {
  const tg = view.targetGroups.get(id);
  return {
    id: hsdsId(id),
    code: id,
    name: tg?.name ?? name,
    description: tg?.description ?? tg?.nameEn ?? tg?.name ?? name,
    taxonomy: TAXONOMY,
    language: 'sv',
    ...(tg?.broaderId ? { parent_id: hsdsId(tg.broaderId) } : {}),
  };
}

const SERVICE_STATUS: Record<string, string> = { CLOSED: 'defunct', INACTIVE: 'inactive', ACTIVE: 'active' };

/** A fact's provenance as one HSDS metadata entry (`updated_by` says who or what says it, and how). */
function metadata(view: ExportView, key: string, resourceId: string, resourceType: string, field: string, value: string, p: Pick<Provenance, 'sourceId' | 'sourceLocator' | 'basis' | 'confidence' | 'quote' | 'rule' | 'recordedAt'> | FactProvenance): Record<string, unknown> {
  const source = p.sourceId ? view.sources.get(p.sourceId) : undefined;
  const how = p.basis === 'INFERRED' ? `INFERRED (${p.rule ?? 'utan regel'}, säkerhet ${p.confidence ?? ''})` : (p.basis ?? '');
  const cited = [source?.title ?? p.sourceId ?? '', source?.date ?? '', p.sourceLocator ?? '', p.quote ? `”${p.quote}”` : ''].filter(Boolean).join(', ');
  return {
    id: hsdsId(`${key}|metadata|${field}`),
    resource_id: resourceId,
    resource_type: resourceType,
    last_action_date: p.recordedAt ? new Date(p.recordedAt).toISOString().slice(0, 10) : view.generatedAt.slice(0, 10),
    last_action_type: (p.basis ?? 'unknown').toLowerCase(),
    field_name: field,
    previous_value: '',
    replacement_value: value,
    updated_by: `${how}: ${cited}`,
  };
}

function services(view: ExportView, o: ExportOrganisation, orgId: string): Record<string, unknown>[] {
  const groups = o.links.targetGroup.length ? o.links.targetGroup : [null];
  return groups.map((tg) => {
    const serviceKey = `${o.id}|service|${tg?.id ?? 'general'}`;
    const id = hsdsId(serviceKey);
    return {
      id,
      organization_id: orgId,
      name: tg ? `${o.name}: ${tg.name}` : o.name,
      ...(o.description ? { description: o.description } : {}),
      ...(o.website ? { url: o.website } : {}),
      status: SERVICE_STATUS[o.status ?? 'ACTIVE'] ?? 'active',
      service_areas: o.links.district.map((d) => {
        const areaId = hsdsId(`${serviceKey}|area|${d.id}`);
        const district = view.districts.get(d.id);
        // Which division the district belongs to, when it has a period (Stockholm's stadsdelsområden changed on 2023-07-01).
        const period = district?.validFrom || district?.validTo ? ` (${district.validFrom ?? ''}–${district.validTo ?? ''})` : '';
        return {
          id: areaId,
          service_id: id,
          name: d.name,
          description: `${district?.kind ?? d.detail ?? ''}${period}`,
          extent_type: 'samverkan-district',
          extent: d.id,
          metadata: [metadata(view, `${serviceKey}|area|${d.id}`, areaId, 'service_area', 'extent', d.id, d)],
        };
      }),
      attributes: tg
        ? [
            {
              id: hsdsId(`${serviceKey}|attribute`),
              link_id: id,
              link_type: 'target_group',
              link_entity: 'service',
              taxonomy_term_id: hsdsId(tg.id),
              taxonomy_term: taxonomyTerm(view, tg.id, tg.name),
              metadata: [metadata(view, `${serviceKey}|attribute`, hsdsId(`${serviceKey}|attribute`), 'attribute', 'taxonomy_term_id', tg.id, tg)],
            },
          ]
        : [],
    };
  });
}

function organization(view: ExportView, o: ExportOrganisation): Record<string, unknown> {
  const id = hsdsId(o.id);
  return {
    id,
    name: o.name,
    ...(o.aliases[0] ? { alternate_name: o.aliases[0] } : {}),
    description: o.description ?? '',
    ...(o.website ? { website: o.website } : {}),
    ...(o.legalForm ? { legal_status: o.legalForm } : {}),
    ...(o.links.umbrella[0] ? { parent_organization_id: hsdsId(o.links.umbrella[0].id) } : {}),
    organization_identifiers: o.orgNumber
      ? [{ id: hsdsId(`${o.id}|orgnr`), organization_id: id, identifier_scheme: 'SE-BLV', identifier_type: 'organisationsnummer', identifier: o.orgNumber }]
      : [],
    // Each fact's own provenance: the record (its name), and description, legal status, website and status.
    metadata: [
      metadata(view, o.id, id, 'organization', 'name', o.name, { ...o, basis: o.basis as Provenance['basis'], rule: null, recordedAt: null }),
      ...(['description', 'legalForm', 'website', 'status'] as const).flatMap((field) => {
        const value = field === 'status' ? o.status : o[field];
        const f = o.fieldProvenance[field];
        return value && f ? [metadata(view, o.id, id, 'organization', field === 'legalForm' ? 'legal_status' : field, value, f)] : [];
      }),
    ],
    services: services(view, o, id),
  };
}

function usedTerms(view: ExportView): Record<string, unknown>[] {
  const used = new Map<string, string>();
  for (const o of view.organisations) for (const tg of o.links.targetGroup) used.set(tg.id, tg.name);
  return [...used].map(([id, name]) => taxonomyTerm(view, id, name));
}

export function toHsdsDocument(view: ExportView): HsdsDocument {
  return { hsds_version: '3.0', generated: view.generatedAt, publisher: 'Samverkan', organizations: view.organisations.map((o) => organization(view, o)), taxonomy_terms: usedTerms(view) };
}

/** The document a piece at a time (an organisation at a time), as JSON.stringify(toHsdsDocument(view), null, 2) writes it. */
export function* hsdsChunks(view: ExportView): Generator<string> {
  yield* jsonObjectChunks(
    { hsds_version: '3.0', generated: view.generatedAt, publisher: 'Samverkan' },
    'organizations',
    (function* () {
      for (const o of view.organisations) yield organization(view, o);
    })(),
    { taxonomy_terms: usedTerms(view) },
  );
}

export function toHsds(view: ExportView): Buffer {
  return Buffer.from([...hsdsChunks(view)].join(''), 'utf8');
}
