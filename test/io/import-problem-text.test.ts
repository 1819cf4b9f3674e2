/**
 * Import problems said in Swedish and English: every code has a sentence in both languages that
 * carries its values, the Swedish ones hold no English, and the words a sentence offers for a
 * kind or role are read back by the row parser as that kind.
 */
import { describe, expect, it } from 'vitest';
import { expectSwedishAndEnglish } from '../helpers/bilingual.js';
import { FILE_PROBLEM_CODES, ROW_PROBLEM_CODES, type ImportProblem, type ImportProblemCode, type ProblemValues } from '../../graph/io/import/problems.js';
import { kindWord, problemText, type ProblemLang } from '../../graph/io/import/problem-text.js';
import { KIND_COLUMNS, readEnum } from '../../graph/io/import/rows.js';

/** One problem per code, with the field a row problem names (the type makes a missing code a compile error). */
const SAMPLES: { [C in ImportProblemCode]: { field: string; values: ProblemValues[C]; shows: string[] } } = {
  MISSING_VALUE: { field: 'name', values: {}, shows: [] },
  TOO_LONG: { field: 'description', values: { value: 'Lång beskrivning…', max: 5000 }, shows: ['Lång beskrivning…', '5000'] },
  TOO_MANY: { field: 'aliases', values: { max: 30 }, shows: ['30'] },
  INVALID_VALUE: { field: 'orgNumber', values: { value: '123456-7890' }, shows: ['123456-7890'] },
  NOT_ONE_OF: { field: 'agreementKind', values: { value: 'Avtalsgrej', allowed: ['COMPACT', 'GRANT'] }, shows: ['Avtalsgrej'] },
  UNKNOWN_REFERENCE: { field: 'targetGroups', values: { value: 'Marsianer', suggestions: ['Äldre'] }, shows: ['Marsianer', 'Äldre'] },
  AMBIGUOUS_REFERENCE: { field: 'agreements', values: { value: 'Bidrag 2026', candidates: [{ id: 'agr:bidrag-2026', kind: 'GRANT' }, { id: 'agr:bidrag-2026-2', kind: 'IOP' }] }, shows: ['Bidrag 2026', 'agr:bidrag-2026 (', 'agr:bidrag-2026-2 (IOP)'] },
  DUPLICATE_ROW: { field: 'row', values: { row: 7 }, shows: ['7'] },
  CONFLICTING_VALUES: { field: 'email', values: { value: 'ny@exempel.se', row: 4, other: 'gammal@exempel.se' }, shows: ['ny@exempel.se', '4', 'gammal@exempel.se'] },
  READ_AS: { field: 'targetGroups', values: { value: 'Hemlösa', name: 'Personer i hemlöshet' }, shows: ['Hemlösa', 'Personer i hemlöshet'] },
  FILE_TOO_LARGE: { field: 'file', values: { maxMb: 50 }, shows: ['50'] },
  FILE_EMPTY: { field: 'file', values: {}, shows: [] },
  LIMIT_EXCEEDED: { field: 'file.columns', values: { limit: 'columns', max: 200, line: 12 }, shows: ['200', '12'] },
  INVALID_CSV: { field: 'file.line 3', values: { line: 3, reason: 'CSV_QUOTE_NOT_CLOSED', detail: 'Quote Not Closed: the parsing is finished with an opening quote at line 3' }, shows: ['3'] },
  INVALID_XLSX: { field: 'file', values: { detail: 'End of data reached (data length = 8, asked index = 30). Corrupted zip ?' }, shows: [] },
  NO_WORKSHEET: { field: 'file', values: {}, shows: [] },
  NO_HEADER_ROW: { field: 'file', values: {}, shows: [] },
  UNKNOWN_COLUMN: { field: 'map.Förening', values: { column: 'Förening', columns: ['Namn', 'Orgnr'] }, shows: ['Förening', 'Namn', 'Orgnr'] },
  UNKNOWN_FIELD: { field: 'map.X', values: { value: 'skostorlek', fields: ['name', 'email'] }, shows: ['skostorlek', 'name', 'email'] },
  COLUMNS_CLASH: { field: 'columns.email', values: { field: 'email', columns: ['E-post', 'Mejl'] }, shows: ['E-post', 'Mejl'] },
  MISSING_COLUMN: { field: 'columns.name', values: { field: 'name', examples: ['namn', 'organisation'], columns: ['Orgnr', 'Målgrupp'] }, shows: ['namn', 'organisation', 'Orgnr', 'Målgrupp'] },
  BAD_MAP_ARGUMENT: { field: 'map', values: { value: 'Förening' }, shows: ['Förening'] },
};

const ALL_CODES: readonly ImportProblemCode[] = [...ROW_PROBLEM_CODES, ...FILE_PROBLEM_CODES];
const sample = (code: ImportProblemCode) => {
  const s = SAMPLES[code];
  return { problem: { code, values: s.values, field: s.field } as ImportProblem & { field: string }, shows: s.shows };
};
/** Words that only an English sentence has (the sample values are Swedish or neutral). */
const ENGLISH = /\b(the|is|are|not|of|and|with|which|must|row|rows|column|columns|file|has|no|you|mean|write|known|value|too|many|long|empty|missing|required|valid|line|chunk|upload|there)\b/i;
const SWEDISH = /[åäö]|\b(är|och|inte|finns|rad|filen|kolumn|ingen|inget|skriv)\b/i;

describe('import problem sentences', () => {
  it('has a code list without repeats, and a sample of every code', () => {
    expect(new Set(ALL_CODES).size).toBe(ALL_CODES.length);
    expect(Object.keys(SAMPLES).sort()).toEqual([...ALL_CODES].sort());
  });

  for (const code of ALL_CODES) {
    it(`says ${code} in Swedish and English, with its values`, () => {
      const { problem, shows } = sample(code);
      const sv = problemText(problem, 'sv');
      const en = problemText(problem, 'en');
      expectSwedishAndEnglish(sv, en, shows, { shape: /^\S.*[.?!)]$/s, english: ENGLISH, swedish: SWEDISH });
      expect(sv).not.toBe(en);
    });
  }

  it('names the kinds of the ids an ambiguous name could mean in words of the language, not as codes', () => {
    const candidates = [{ id: 'district:sdo-sodermalm', kind: 'STADSDELSOMRADE' }, { id: 'district:sd-sodermalm', kind: 'STADSDEL' }, { id: 'agr:b', kind: 'GRANT' }, { id: 'x:plain', kind: null }];
    const said = (lang: ProblemLang) => problemText({ code: 'AMBIGUOUS_REFERENCE', values: { value: 'Södermalm', candidates }, field: 'districts' }, lang);
    expect(said('sv')).toContain('district:sdo-sodermalm (stadsdelsområde), district:sd-sodermalm (stadsdel), agr:b (bidrag), x:plain.');
    expect(said('en')).toContain('district:sdo-sodermalm (city district area), district:sd-sodermalm (city district), agr:b (grant), x:plain.');
    for (const lang of ['sv', 'en'] as const) expect(said(lang)).not.toMatch(/STADSDEL|GRANT/);
  });

  it('explains each organisation field by its own rule, as the edit forms do', () => {
    const said = (field: string, lang: ProblemLang) => problemText({ code: 'INVALID_VALUE', values: { value: 'x' }, field }, lang);
    expect(said('orgNumber', 'sv')).toBe('”x” är inte ett giltigt organisationsnummer (tio siffror, NNNNNN-NNNN, med rätt kontrollsiffra).');
    expect(said('email', 'sv')).toContain('e-postadress (namn@exempel.se)');
    expect(said('website', 'sv')).toContain('webbadress');
    expect(said('phone', 'sv')).toContain('telefonnummer');
    expect(said('id', 'en')).toContain('not a valid id');
    // Every field has its own sentence or names itself in the general one.
    const fields = ['orgNumber', 'email', 'website', 'phone', 'id', 'legalForm', 'address'];
    expect(new Set(fields.map((f) => said(f, 'sv'))).size).toBe(fields.length);
    expect(said('legalForm', 'sv')).toBe('”x” är inte ett giltigt värde för juridisk form.');
    expect(problemText({ code: 'TOO_LONG', values: { value: 'x', max: 200 }, field: 'name' }, 'sv')).toBe('Värdet är för långt för fältet namn: högst 200 tecken (”x”).');
    expect(problemText({ code: 'MISSING_VALUE', values: {}, field: 'name' }, 'en')).toBe('The name is missing: every row needs the organisation’s name.');
  });

  it('offers words for kinds and roles that the row parser reads back as the same value', () => {
    for (const { values, words } of Object.values(KIND_COLUMNS)) {
      for (const value of values) {
        for (const lang of ['sv', 'en'] as const) expect(readEnum(kindWord(value, lang), values, words as Record<string, string>), `${value} in ${lang}`).toBe(value);
      }
    }
    const text = problemText({ code: 'NOT_ONE_OF', values: { value: 'Avtalsgrej', allowed: [...KIND_COLUMNS.agreementKind.values] }, field: 'agreementKind' }, 'sv');
    expect(text).toBe('”Avtalsgrej” känns inte igen som typ av överenskommelse. Skriv överenskommelse, IOP, bidrag, upphandling eller annat (eller samma sak på engelska).');
  });

  it('says a suggestion only when there is one', () => {
    const none = problemText({ code: 'UNKNOWN_REFERENCE', values: { value: 'Marsianer', suggestions: [] }, field: 'targetGroups' }, 'sv');
    expect(none).toBe('”Marsianer” finns inte bland målgrupperna.');
    const two = problemText({ code: 'UNKNOWN_REFERENCE', values: { value: 'Kist', suggestions: ['Kista', 'Kisa'] }, field: 'districts' }, 'en');
    expect(two).toBe('"Kist" is not a known district. Did you mean "Kista" or "Kisa"?');
  });
});
