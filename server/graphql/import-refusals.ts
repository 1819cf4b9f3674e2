/**
 * Why the import API refuses an upload, a chunk, a preview or a commit, as a code with values
 * and a sentence in Swedish or English (the request's language). Problems with the file itself
 * are the import's own (graph/io/import/problem-text.ts).
 */
export interface RefusalValues {
  FILE_NAME_LENGTH: { max: number };
  BYTE_LENGTH_INVALID: Record<string, never>;
  FILE_TOO_LARGE: { maxMb: number };
  TOO_MANY_UPLOADS: { max: number };
  SERVER_FULL: Record<string, never>;
  UPLOAD_COMPLETE: Record<string, never>;
  CHUNK_OUT_OF_ORDER: { index: number; expected: number };
  NOT_BASE64: Record<string, never>;
  EMPTY_CHUNK: Record<string, never>;
  CHUNK_TOO_LONG: { bytes: number; byteLength: number };
  UPLOAD_NOT_FOUND: { id: string };
  JOB_NOT_FOUND: { id: string };
  UPLOAD_INCOMPLETE: { received: number; byteLength: number };
  IMPORT_RUNNING: Record<string, never>;
  ALREADY_IMPORTED: Record<string, never>;
  NOT_CSV: Record<string, never>;
  NOT_XLSX: Record<string, never>;
  NOT_YOURS: Record<string, never>;
  BAD_ROW_NUMBER: Record<string, never>;
  TWO_DECISIONS: { row: number };
  NO_ORGANISATION: { id: string };
  /** The write failed for a reason that is not the file's (the engine's message goes to the log). */
  WRITE_FAILED: Record<string, never>;
  /** The server stopped the import (it was shutting down) before anything was written. */
  CANCELLED: Record<string, never>;
  /** The preview's request was stopped (its time limit) before the file was read. */
  STOPPED: Record<string, never>;
  /** The server running the job stopped before it ended; its one transaction did not commit. */
  SERVER_STOPPED: Record<string, never>;
}
export type RefusalCode = keyof RefusalValues;
export type Refusal = { [C in RefusalCode]: { reason: C; values: RefusalValues[C] } }[RefusalCode];
type Lang = 'sv' | 'en';

const SENTENCES: { [C in RefusalCode]: Record<Lang, (v: RefusalValues[C]) => string> } = {
  FILE_NAME_LENGTH: {
    sv: (v) => `Filnamnet måste vara 1 till ${v.max} tecken.`,
    en: (v) => `The file name must be 1 to ${v.max} characters.`,
  },
  BYTE_LENGTH_INVALID: {
    sv: () => 'Filens storlek måste vara ett positivt heltal (byte).',
    en: () => 'The file size must be a positive whole number of bytes.',
  },
  FILE_TOO_LARGE: {
    sv: (v) => `Filen är större än den största som tas emot (${v.maxMb} MB).`,
    en: (v) => `The file is larger than the largest accepted (${v.maxMb} MB).`,
  },
  TOO_MANY_UPLOADS: {
    sv: (v) => `Du har redan ${v.max} importer som pågår. Vänta tills någon av dem är klar.`,
    en: (v) => `You already have ${v.max} imports running. Wait for one of them to finish.`,
  },
  SERVER_FULL: {
    sv: () => 'Servern tar emot för många uppladdningar just nu. Försök igen om en stund.',
    en: () => 'The server holds too many uploads right now. Try again in a while.',
  },
  UPLOAD_COMPLETE: {
    sv: () => 'Uppladdningen är redan komplett.',
    en: () => 'The upload is already complete.',
  },
  CHUNK_OUT_OF_ORDER: {
    sv: (v) => `Del ${v.index} kom i fel ordning: del ${v.expected} väntas härnäst.`,
    en: (v) => `Chunk ${v.index} is out of order: chunk ${v.expected} is expected next.`,
  },
  NOT_BASE64: {
    sv: () => 'Delen är inte base64 (RFC 4648, med utfyllnad).',
    en: () => 'The chunk is not base64 (RFC 4648, with padding).',
  },
  EMPTY_CHUNK: {
    sv: () => 'Delen är tom.',
    en: () => 'The chunk is empty.',
  },
  CHUNK_TOO_LONG: {
    sv: (v) => `Delen skulle göra filen ${v.bytes} byte, större än de ${v.byteLength} byte som angavs i början.`,
    en: (v) => `The chunk would make the file ${v.bytes} bytes, more than the ${v.byteLength} bytes given at the start.`,
  },
  UPLOAD_NOT_FOUND: {
    sv: (v) => `Uppladdningen ${v.id} finns inte (den kan ha glömts efter en tid utan aktivitet). Börja om med filen.`,
    en: (v) => `There is no upload ${v.id} (it may have been forgotten after a while without activity). Start again with the file.`,
  },
  JOB_NOT_FOUND: {
    sv: (v) => `Importjobbet ${v.id} finns inte (det kan ha glömts).`,
    en: (v) => `There is no import job ${v.id} (it may have been forgotten).`,
  },
  UPLOAD_INCOMPLETE: {
    sv: (v) => `Uppladdningen är inte klar: ${v.received} av ${v.byteLength} byte har tagits emot.`,
    en: (v) => `The upload is incomplete: ${v.received} of ${v.byteLength} bytes received.`,
  },
  IMPORT_RUNNING: {
    sv: () => 'Filen håller på att importeras.',
    en: () => 'The import of this file is being written.',
  },
  ALREADY_IMPORTED: {
    sv: () => 'Filen har redan importerats.',
    en: () => 'This file has already been imported.',
  },
  NOT_CSV: {
    sv: () => 'Filen är en XLSX-arbetsbok, inte CSV. Börja om och välj XLSX.',
    en: () => 'The file is an XLSX workbook, not CSV. Start again with the format XLSX.',
  },
  NOT_XLSX: {
    sv: () => 'Filen är ingen XLSX-arbetsbok. Börja om och välj CSV.',
    en: () => 'The file is not an XLSX workbook. Start again with the format CSV.',
  },
  NOT_YOURS: {
    sv: () => 'Uppladdningen tillhör en annan användare.',
    en: () => 'This upload belongs to another user.',
  },
  BAD_ROW_NUMBER: {
    sv: () => 'Radnumret måste vara en rad i filen (2 eller mer: rad 1 är rubrikraden).',
    en: () => 'The row number must be a row of the file (2 or more: row 1 is the header).',
  },
  TWO_DECISIONS: {
    sv: (v) => `Rad ${v.row} har två beslut.`,
    en: (v) => `Row ${v.row} has two decisions.`,
  },
  NO_ORGANISATION: {
    sv: (v) => `Organisationen ${v.id} finns inte (längre).`,
    en: (v) => `There is no organisation ${v.id}.`,
  },
  WRITE_FAILED: {
    sv: () => 'Importen kunde inte skrivas, och inget ändrades. Försök igen; om det upprepas, kontakta administratören.',
    en: () => 'The import could not be written; nothing was changed. Try again; if it persists, tell the administrator.',
  },
  CANCELLED: {
    sv: () => 'Importen avbröts innan något skrevs, och inget ändrades. Försök igen.',
    en: () => 'The import was stopped before anything was written; nothing was changed. Try again.',
  },
  STOPPED: {
    sv: () => 'Förhandsgranskningen avbröts eftersom den tog för lång tid. Dela upp filen och försök igen.',
    en: () => 'The preview was stopped because it took too long. Split the file and try again.',
  },
  SERVER_STOPPED: {
    sv: () => 'Servern som importerade filen stannade innan importen var klar. Inget skrevs; starta importen igen.',
    en: () => 'The server importing the file stopped before the import ended. Nothing was written; start the import again.',
  },
};

/** Every refusal code (the sentences' keys: a code without a sentence does not compile). */
export const REFUSAL_CODES = Object.keys(SENTENCES) as RefusalCode[];

export function refusalText(refusal: Refusal, lang: Lang): string {
  return (SENTENCES[refusal.reason][lang] as (v: Refusal['values']) => string)(refusal.values);
}
