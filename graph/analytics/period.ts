/**
 * Periods over the dates the graph holds, which are ISO dates or a year or year-month as a source
 * gives them ("2011", "2012-09"). A period's ends are inclusive; an open end is unbounded. A dated
 * thing is active in a period when it started before the period ended and ended after it began;
 * without an end it is taken as still going, without a start as having always been.
 */
import { invalidArgument } from './errors.js';

export interface Period {
  from?: string | null;
  to?: string | null;
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The earliest day a partial date can mean ("2011" → "2011-01-01"). */
export const earliest = (d: string): string => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
/** The latest day ("2011" → "2011-12-31", "2012-09" → "2012-09-31", which sorts after every day of the month). */
export const latest = (d: string): string => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

/** A checked period (INVALID_ARGUMENT naming `field.from` or `field.to`). */
export function checkPeriod(period: Period, field = 'period'): Period {
  for (const end of ['from', 'to'] as const) {
    const v = period[end];
    if (v !== undefined && v !== null && !PARTIAL_DATE.test(v)) throw invalidArgument(`${field}.${end}`, 'must be a year, year-month or date (YYYY, YYYY-MM or YYYY-MM-DD)', v);
  }
  if (period.from && period.to && earliest(period.from) > latest(period.to)) throw invalidArgument(`${field}.to`, 'must not be before from', period.to);
  return period;
}

/** Was something running from `start` to `end` (either unknown: null) active in the period? */
export function activeIn(period: Period, start: string | null | undefined, end: string | null | undefined): boolean {
  if (period.to && start && earliest(start) > latest(period.to)) return false;
  if (period.from && end && latest(end) < earliest(period.from)) return false;
  return true;
}
