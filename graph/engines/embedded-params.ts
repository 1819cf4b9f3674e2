/**
 * Parameter conversion for LadybugDB. Its Node binding infers one STRUCT type for a list of
 * objects from the values it sees, so a list whose rows differ (a key missing in one row, an
 * integer in one row and a fraction in another) is rejected. We make rows uniform here, once,
 * so statements can take `UNWIND $rows` lists from any caller.
 */
import type { LbugValue } from '@ladybugdb/core';

export function toLbugParams(params: Record<string, unknown>): Record<string, LbugValue> {
  const out: Record<string, LbugValue> = {};
  for (const [k, v] of Object.entries(params)) out[k] = convert(v);
  return out;
}

function convert(value: unknown): LbugValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isPlainObject)) return uniformRows(value as Record<string, unknown>[]);
    return value.map(convert);
  }
  if (isPlainObject(value)) {
    const o: Record<string, LbugValue> = {};
    for (const [k, v] of Object.entries(value)) o[k] = convert(v);
    return o;
  }
  return value as LbugValue;
}

function uniformRows(rows: Record<string, unknown>[]): LbugValue[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  // A key that holds a fraction in any row holds a DOUBLE: integers in other rows would make the
  // binding infer INT64 for them. Sending those as decimal strings lets LadybugDB cast them
  // implicitly on assignment to a DOUBLE property.
  const mixedNumeric = new Set<string>();
  for (const k of keys) {
    let fraction = false;
    let integer = false;
    for (const r of rows) {
      const v = r[k];
      if (typeof v === 'number') {
        if (Number.isInteger(v)) integer = true;
        else fraction = true;
      }
    }
    if (fraction && integer) mixedNumeric.add(k);
  }
  return rows.map((r) => {
    const o: Record<string, LbugValue> = {};
    for (const k of keys) {
      const v = r[k];
      o[k] = mixedNumeric.has(k) && typeof v === 'number' ? String(v) : convert(v);
    }
    return o;
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
