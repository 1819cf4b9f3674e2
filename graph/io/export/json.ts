/**
 * JSON export: the organisations of the view with their links, each link and each about fact with
 * its own provenance (basis, confidence, rule, source, locator, quote), the taxonomy, the districts
 * with the period of their division, and the sources cited; written a piece at a time.
 */
import type { ExportOrganisation, ExportView } from './view.js';

function organisation(o: ExportOrganisation) {
  return {
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
  };
}

/** `JSON.stringify(value, null, 2)` as it reads nested `depth` levels deep. */
export const indented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * A JSON object a piece at a time: its fields in order, and the array under `arrayKey` an element
 * at a time, exactly as JSON.stringify(doc, null, 2) writes it.
 */
export function* jsonObjectChunks(head: Record<string, unknown>, arrayKey: string, items: Iterable<unknown>, tail: Record<string, unknown>): Generator<string> {
  const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${indented(v, 1)}`);
  yield `{\n${fields.map((f) => `${f},\n`).join('')}  ${JSON.stringify(arrayKey)}: [`;
  let first = true;
  for (const item of items) {
    yield `${first ? '\n' : ',\n'}    ${indented(item, 2)}`;
    first = false;
  }
  const rest = Object.entries(tail).map(([k, v]) => `,\n  ${JSON.stringify(k)}: ${indented(v, 1)}`);
  yield `${first ? ']' : '\n  ]'}${rest.join('')}\n}\n`;
}

export function* jsonChunks(view: ExportView): Generator<string> {
  yield* jsonObjectChunks(
    { format: 'samverkan-export', version: 2, generatedAt: view.generatedAt, filter: view.filter },
    'organisations',
    (function* () {
      for (const o of view.organisations) yield organisation(o);
    })(),
    {
      targetGroups: [...view.targetGroups.values()].map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, broaderId: t.broaderId })),
      districts: [...view.districts.values()].map((d) => ({ id: d.id, name: d.name, kind: d.kind, code: d.code, partOfId: d.partOfId, validFrom: d.validFrom, validTo: d.validTo })),
      sources: [...view.sources.values()].map((s) => ({ id: s.id, title: s.title, kind: s.kind, publisher: s.publisher, date: s.date, location: s.location, note: s.note })),
    },
  );
}

export function toJson(view: ExportView): Buffer {
  return Buffer.from([...jsonChunks(view)].join(''), 'utf8');
}
