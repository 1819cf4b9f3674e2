/** The import API's refusals (upload, chunk, preview, commit) in Swedish and English, every code with its values. */
import { describe, expect, it } from 'vitest';
import { expectSwedishAndEnglish } from '../helpers/bilingual.js';
import { REFUSAL_CODES, refusalText, type Refusal, type RefusalCode, type RefusalValues } from '../../server/graphql/import-refusals.js';

const SAMPLES: { [C in RefusalCode]: { values: RefusalValues[C]; shows: string[] } } = {
  FILE_NAME_LENGTH: { values: { max: 255 }, shows: ['255'] },
  BYTE_LENGTH_INVALID: { values: {}, shows: [] },
  FILE_TOO_LARGE: { values: { maxMb: 20 }, shows: ['20 MB'] },
  TOO_MANY_UPLOADS: { values: { max: 3 }, shows: ['3'] },
  SERVER_FULL: { values: {}, shows: [] },
  UPLOAD_COMPLETE: { values: {}, shows: [] },
  CHUNK_OUT_OF_ORDER: { values: { index: 4, expected: 2 }, shows: ['4', '2'] },
  NOT_BASE64: { values: {}, shows: ['base64'] },
  EMPTY_CHUNK: { values: {}, shows: [] },
  CHUNK_TOO_LONG: { values: { bytes: 130, byteLength: 120 }, shows: ['130', '120'] },
  UPLOAD_NOT_FOUND: { values: { id: 'upload:abc' }, shows: ['upload:abc'] },
  JOB_NOT_FOUND: { values: { id: 'importjob:abc' }, shows: ['importjob:abc'] },
  UPLOAD_INCOMPLETE: { values: { received: 10, byteLength: 99 }, shows: ['10', '99'] },
  IMPORT_RUNNING: { values: {}, shows: [] },
  ALREADY_IMPORTED: { values: {}, shows: [] },
  NOT_CSV: { values: {}, shows: ['XLSX'] },
  NOT_XLSX: { values: {}, shows: ['XLSX'] },
  NOT_YOURS: { values: {}, shows: [] },
  BAD_ROW_NUMBER: { values: {}, shows: ['2'] },
  TWO_DECISIONS: { values: { row: 12 }, shows: ['12'] },
  NO_ORGANISATION: { values: { id: 'org:finns-inte' }, shows: ['org:finns-inte'] },
  WRITE_FAILED: { values: {}, shows: [] },
  CANCELLED: { values: {}, shows: [] },
  STOPPED: { values: {}, shows: [] },
  SERVER_STOPPED: { values: {}, shows: [] },
};
const ENGLISH = /\b(the|is|not|of|and|with|must|row|file|has|you|already|upload|chunk|there|try|again|bytes)\b/i;
const SWEDISH = /[åäö]|\b(är|och|inte|finns|rad|filen|du|igen)\b/i;

describe('import refusal sentences', () => {
  it('has a sample of every code', () => {
    expect([...REFUSAL_CODES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const code of REFUSAL_CODES) {
    it(`says ${code} in Swedish and English`, () => {
      const refusal = { reason: code, values: SAMPLES[code].values } as Refusal;
      const sv = refusalText(refusal, 'sv');
      const en = refusalText(refusal, 'en');
      expectSwedishAndEnglish(sv, en, SAMPLES[code].shows, { shape: /^\S.*[.)]$/, english: ENGLISH, swedish: SWEDISH });
    });
  }
});
