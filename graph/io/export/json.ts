/**
 * JSON export: the organisations of the view with their links, each link and each about fact with
 * its own provenance (basis, confidence, rule, source, locator, quote), the taxonomy, the districts
 * with the period of their division, and the sources cited.
 */
import type { ExportView } from './view.js';

export function toJson(view: ExportView): Buffer {
  const doc = {
    format: 'samverkan-export',
    version: 2,
    generatedAt: view.generatedAt,
    filter: view.filter,
    organisations: view.organisations.map((o) => ({
      ...o,
      links: Object.fromEntries(
        Object.entries(o.links).map(([kind, list]) => [
          kind,
          list.map((l) => ({
            id: l.id,
            name: l.name,
            detail: l.detail,
            role: l.role,
            sourceId: l.sourceId,
            sourceLocator: l.sourceLocator,
            basis: l.basis,
            confidence: l.confidence,
            rule: l.rule,
            quote: l.quote,
          })),
        ]),
      ),
    })),
    targetGroups: [...view.targetGroups.values()].map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, broaderId: t.broaderId })),
    districts: [...view.districts.values()].map((d) => ({ id: d.id, name: d.name, kind: d.kind, code: d.code, partOfId: d.partOfId, validFrom: d.validFrom, validTo: d.validTo })),
    sources: [...view.sources.values()].map((s) => ({ id: s.id, title: s.title, kind: s.kind, publisher: s.publisher, date: s.date, location: s.location, note: s.note })),
  };
  return Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8');
}
