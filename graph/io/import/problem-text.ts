/**
 * An import problem as a sentence in Swedish or English: the API answers in the request's
 * language, the CLI and reports in English. Pure; every code has a sentence in both languages
 * (the record types below make a missing one a compile error).
 */
import type { AgreementKind, CollaborationKind, PartyRole } from '../../model/types.js';
import type { ImportField } from './fields.js';
import type { ReadLimitName } from './limits.js';
import type { ImportProblem, ImportProblemCode, ProblemValues } from './problem-codes.js';

export type ProblemLang = 'sv' | 'en';

/** Field names inside a sentence (lower case). */
const FIELD_NAMES: Record<ImportField, Record<ProblemLang, string>> = {
  id: { sv: 'id', en: 'id' },
  name: { sv: 'namn', en: 'name' },
  orgNumber: { sv: 'organisationsnummer', en: 'organisation number' },
  aliases: { sv: 'alternativa namn', en: 'other names' },
  legalForm: { sv: 'juridisk form', en: 'legal form' },
  description: { sv: 'beskrivning', en: 'description' },
  website: { sv: 'webbplats', en: 'website' },
  email: { sv: 'e-post', en: 'e-mail' },
  phone: { sv: 'telefon', en: 'phone' },
  address: { sv: 'adress', en: 'address' },
  targetGroups: { sv: 'målgrupper', en: 'target groups' },
  districts: { sv: 'stadsdelar och områden', en: 'districts' },
  agreements: { sv: 'överenskommelser', en: 'agreements' },
  agreementKind: { sv: 'typ av överenskommelse', en: 'agreement kind' },
  agreementRole: { sv: 'roll i överenskommelsen', en: 'agreement role' },
  collaborations: { sv: 'samverkan', en: 'collaborations' },
  collaborationKind: { sv: 'typ av samverkan', en: 'collaboration kind' },
};

/** What a reference column names: "not among the target groups", "a known target group". */
const REFERENCE_NAMES: Record<'targetGroups' | 'districts' | 'agreements' | 'collaborations', { sv: string; en: string; enPlural: string }> = {
  targetGroups: { sv: 'målgrupperna', en: 'target group', enPlural: 'target groups' },
  districts: { sv: 'stadsdelarna och områdena', en: 'district', enPlural: 'districts' },
  agreements: { sv: 'överenskommelserna', en: 'agreement', enPlural: 'agreements' },
  collaborations: { sv: 'samverkansformerna', en: 'collaboration', enPlural: 'collaborations' },
};

/** How each field's own rule is explained when a value breaks it (as the web app's edit forms do). */
const INVALID: Partial<Record<ImportField, Record<ProblemLang, (v: string) => string>>> = {
  orgNumber: {
    sv: (v) => `${v} är inte ett giltigt organisationsnummer (tio siffror, NNNNNN-NNNN, med rätt kontrollsiffra).`,
    en: (v) => `${v} is not a valid Swedish organisation number (ten digits, NNNNNN-NNNN, with a correct check digit).`,
  },
  email: {
    sv: (v) => `${v} är inte en giltig e-postadress (namn@exempel.se).`,
    en: (v) => `${v} is not an e-mail address (name@example.com).`,
  },
  website: {
    sv: (v) => `${v} är inte en giltig webbadress (en adress som börjar med http:// eller https://, till exempel https://exempel.se).`,
    en: (v) => `${v} is not a valid web address (one starting with http:// or https://, such as https://example.com).`,
  },
  phone: {
    sv: (v) => `${v} är inte ett giltigt telefonnummer (bara siffror, mellanslag, +, parenteser och bindestreck).`,
    en: (v) => `${v} is not a valid phone number (only digits, spaces, +, brackets and hyphens).`,
  },
  id: {
    sv: (v) => `${v} är inte ett giltigt id (bara bokstäver, siffror och : . _ -).`,
    en: (v) => `${v} is not a valid id (only letters, digits and : . _ -).`,
  },
};

/** A kind or role as a person writes it in a cell; each word is read back as its value (rows.ts). */
const KIND_WORDS: Record<AgreementKind | PartyRole | CollaborationKind, Record<ProblemLang, string>> = {
  COMPACT: { sv: 'överenskommelse', en: 'compact' },
  IOP: { sv: 'IOP', en: 'IOP' },
  GRANT: { sv: 'bidrag', en: 'grant' },
  PROCUREMENT: { sv: 'upphandling', en: 'procurement' },
  OTHER: { sv: 'annat', en: 'other' },
  SIGNATORY: { sv: 'undertecknare', en: 'signatory' },
  PARTY: { sv: 'part', en: 'party' },
  FUNDER: { sv: 'finansiär', en: 'funder' },
  RECIPIENT: { sv: 'mottagare', en: 'recipient' },
  PROVIDER: { sv: 'utförare', en: 'provider' },
  COORDINATOR: { sv: 'samordnare', en: 'coordinator' },
  MEMBER: { sv: 'medlem', en: 'member' },
  NETWORK: { sv: 'nätverk', en: 'network' },
  JOINT_PROJECT: { sv: 'gemensamt projekt', en: 'joint project' },
  EXPERIENCE_EXCHANGE: { sv: 'erfarenhetsutbyte', en: 'experience exchange' },
  OPINION_FORMING: { sv: 'opinionsbildning', en: 'opinion forming' },
  SHARED_PREMISES: { sv: 'delade lokaler', en: 'shared premises' },
};
export function kindWord(value: string, lang: ProblemLang): string {
  return KIND_WORDS[value as keyof typeof KIND_WORDS]?.[lang] ?? value;
}

/** Kinds of districts, for telling apart places of the same name (Stockholm the municipality, the region…). */
const DISTRICT_KINDS: Record<string, Record<ProblemLang, string>> = {
  COUNTRY: { sv: 'land', en: 'country' },
  REGION: { sv: 'region', en: 'region' },
  MUNICIPALITY: { sv: 'kommun', en: 'municipality' },
  STADSDELSOMRADE: { sv: 'stadsdelsområde', en: 'city district area' },
  STADSDEL: { sv: 'stadsdel', en: 'city district' },
};
/** The ids a name could mean, each with its kind in words: `agr:x (bidrag), agr:y (IOP)`. */
const candidateList = (lang: ProblemLang, candidates: readonly { id: string; kind: string | null }[]) =>
  candidates.map((c) => (c.kind ? `${c.id} (${DISTRICT_KINDS[c.kind]?.[lang] ?? kindWord(c.kind, lang)})` : c.id)).join(', ');

/** CSV reader error codes (csv-parse) a person can act on. */
const CSV_REASONS: Record<string, Record<ProblemLang, string>> = {
  CSV_QUOTE_NOT_CLOSED: { sv: 'ett citattecken avslutas aldrig', en: 'a quoted field is never closed' },
  CSV_INVALID_CLOSING_QUOTE: { sv: 'något står direkt efter ett avslutande citattecken', en: 'something follows a closing quote directly' },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: { sv: 'något står direkt efter ett avslutande citattecken', en: 'something follows a closing quote directly' },
  INVALID_OPENING_QUOTE: { sv: 'ett citattecken står mitt i ett fält utan citattecken', en: 'a quote appears inside an unquoted field' },
};
const CSV_OTHER: Record<ProblemLang, string> = { sv: 'filen kunde inte delas upp i fält', en: 'the file could not be split into fields' };

/** The read limits (graph/io/import/limits.ts) by name: what the file has more of than `max`. */
const LIMIT_WORDS: Record<ReadLimitName | 'memory', Record<ProblemLang, (max: string) => string>> = {
  bytes: { sv: (m) => `Filen är större än ${m} byte (gränsen för filstorlek)`, en: (m) => `The file is larger than ${m} bytes (the limit on file size)` },
  rows: { sv: (m) => `Filen har fler än ${m} rader (gränsen för antal rader)`, en: (m) => `The file has more than ${m} rows (the limit on rows)` },
  columns: { sv: (m) => `Filen har fler än ${m} kolumner (gränsen för antal kolumner)`, en: (m) => `The file has more than ${m} columns (the limit on columns)` },
  cells: { sv: (m) => `Filen har fler än ${m} celler (gränsen för antal celler)`, en: (m) => `The file has more than ${m} cells (the limit on cells)` },
  cellChars: { sv: (m) => `En cell har fler än ${m} tecken (gränsen för en cells längd)`, en: (m) => `A cell has more than ${m} characters (the limit on a cell's length)` },
  chars: { sv: (m) => `Filens celler har fler än ${m} tecken tillsammans (gränsen för text)`, en: (m) => `The file's cells hold more than ${m} characters together (the limit on text)` },
  decompressedBytes: {
    sv: (m) => `Arbetsboken blir större än ${m} byte uppackad (gränsen för uppackad storlek)`,
    en: (m) => `The workbook unpacks to more than ${m} bytes (the limit on unpacked size)`,
  },
  sharedStrings: { sv: (m) => `Arbetsboken har fler än ${m} delade texter (gränsen för delade texter)`, en: (m) => `The workbook has more than ${m} shared strings (the limit on shared strings)` },
  memory: { sv: (m) => `Filen kräver mer än ${m} MB minne att läsa (gränsen för minne)`, en: (m) => `Reading the file needs more than ${m} MB of memory (the limit on memory)` },
};

const num = (lang: ProblemLang, n: number) => n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');

const quote = (lang: ProblemLang, s: string) => (lang === 'sv' ? `”${s}”` : `"${s}"`);
const quoteAll = (lang: ProblemLang, items: readonly string[]) => items.map((s) => quote(lang, s)).join(', ');
/** "a, b och c" / "a, b or c". */
function listOf(lang: ProblemLang, items: readonly string[], word: { sv: string; en: string }): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word[lang]} ${items[items.length - 1]}`;
}
const OR = { sv: 'eller', en: 'or' };
const AND = { sv: 'och', en: 'and' };

function fieldName(field: string, lang: ProblemLang): string {
  return FIELD_NAMES[field as ImportField]?.[lang] ?? field;
}
function referenceName(field: string): (typeof REFERENCE_NAMES)[keyof typeof REFERENCE_NAMES] {
  return REFERENCE_NAMES[field as keyof typeof REFERENCE_NAMES] ?? REFERENCE_NAMES.targetGroups;
}

type Sentences = { [C in ImportProblemCode]: Record<ProblemLang, (v: ProblemValues[C], field: string) => string> };

const SENTENCES: Sentences = {
  MISSING_VALUE: {
    sv: (_, f) => (f === 'name' ? 'Namnet saknas: varje rad behöver ett namn på organisationen.' : `Ett värde för ${fieldName(f, 'sv')} krävs, men cellen är tom.`),
    en: (_, f) => (f === 'name' ? 'The name is missing: every row needs the organisation’s name.' : `A value for ${fieldName(f, 'en')} is required, but the cell is empty.`),
  },
  TOO_LONG: {
    sv: (v, f) => `Värdet är för långt för fältet ${fieldName(f, 'sv')}: högst ${v.max} tecken (${quote('sv', v.value)}).`,
    en: (v, f) => `The value is too long for ${fieldName(f, 'en')}: at most ${v.max} characters (${quote('en', v.value)}).`,
  },
  TOO_MANY: {
    sv: (v, f) => `För många ${fieldName(f, 'sv')}: högst ${v.max}.`,
    en: (v, f) => `Too many ${fieldName(f, 'en')}: at most ${v.max}.`,
  },
  INVALID_VALUE: {
    sv: (v, f) => INVALID[f as ImportField]?.sv(quote('sv', v.value)) ?? `${quote('sv', v.value)} är inte ett giltigt värde för ${fieldName(f, 'sv')}.`,
    en: (v, f) => INVALID[f as ImportField]?.en(quote('en', v.value)) ?? `${quote('en', v.value)} is not a valid value for ${fieldName(f, 'en')}.`,
  },
  NOT_ONE_OF: {
    sv: (v, f) => `${quote('sv', v.value)} känns inte igen som ${fieldName(f, 'sv')}. Skriv ${listOf('sv', v.allowed.map((a) => kindWord(a, 'sv')), OR)} (eller samma sak på engelska).`,
    en: (v, f) => `${quote('en', v.value)} is not a known ${fieldName(f, 'en')}. Write ${listOf('en', v.allowed.map((a) => kindWord(a, 'en')), OR)} (or the same in Swedish).`,
  },
  UNKNOWN_REFERENCE: {
    sv: (v, f) => `${quote('sv', v.value)} finns inte bland ${referenceName(f).sv}.${v.suggestions.length ? ` Menade du ${listOf('sv', v.suggestions.map((s) => quote('sv', s)), OR)}?` : ''}`,
    en: (v, f) => `${quote('en', v.value)} is not a known ${referenceName(f).en}.${v.suggestions.length ? ` Did you mean ${listOf('en', v.suggestions.map((s) => quote('en', s)), OR)}?` : ''}`,
  },
  AMBIGUOUS_REFERENCE: {
    sv: (v, f) => `${quote('sv', v.value)} kan vara flera av ${referenceName(f).sv}: ${candidateList('sv', v.candidates)}. Skriv id:t i stället.`,
    en: (v, f) => `${quote('en', v.value)} names more than one ${referenceName(f).en}: ${candidateList('en', v.candidates)}. Write the id instead.`,
  },
  DUPLICATE_ROW: {
    sv: (v) => `Raden är likadan som rad ${v.row} och hoppas över.`,
    en: (v) => `The row is identical to row ${v.row} and is skipped.`,
  },
  READ_AS: {
    sv: (v) => `${quote('sv', v.value)} läses som ${quote('sv', v.name)}.`,
    en: (v, f) => `${quote('en', v.value)} is read as the ${referenceName(f).en} ${quote('en', v.name)}.`,
  },
  CONFLICTING_VALUES: {
    sv: (v, f) => `${quote('sv', v.value)} stämmer inte med rad ${v.row} (${quote('sv', v.other)}), som gäller samma organisation: raderna måste ange samma ${fieldName(f, 'sv')}.`,
    en: (v, f) => `${quote('en', v.value)} disagrees with row ${v.row} (${quote('en', v.other)}) about the same organisation: the rows must give the same ${fieldName(f, 'en')}.`,
  },
  FILE_TOO_LARGE: {
    sv: (v) => `Filen är större än ${v.maxMb} MB.`,
    en: (v) => `The file is larger than ${v.maxMb} MB.`,
  },
  FILE_EMPTY: {
    sv: () => 'Filen är tom.',
    en: () => 'The file is empty.',
  },
  LIMIT_EXCEEDED: {
    sv: (v) => `${LIMIT_WORDS[v.limit].sv(num('sv', v.max))}${v.line === null ? '' : ` (rad ${v.line})`}. Dela upp filen eller ta bort det som inte ska importeras.`,
    en: (v) => `${LIMIT_WORDS[v.limit].en(num('en', v.max))}${v.line === null ? '' : ` (row ${v.line})`}. Split the file or remove what is not to be imported.`,
  },
  INVALID_CSV: {
    sv: (v) => `Filen är inte giltig CSV: ${(CSV_REASONS[v.reason] ?? CSV_OTHER).sv}${v.line === null ? '' : ` (rad ${v.line})`}.`,
    en: (v) => `The file is not valid CSV: ${(CSV_REASONS[v.reason] ?? CSV_OTHER).en}${v.line === null ? '' : ` (line ${v.line})`}${v.detail ? `. ${v.detail}` : ''}.`,
  },
  INVALID_XLSX: {
    sv: () => 'Filen är inte en läsbar XLSX-arbetsbok. Spara den på nytt som Excel-arbetsbok (.xlsx) eller som CSV.',
    en: (v) => `The file is not a readable XLSX workbook${v.detail ? ` (${v.detail})` : ''}. Save it again as an Excel workbook (.xlsx) or as CSV.`,
  },
  NO_WORKSHEET: {
    sv: () => 'Arbetsboken har inget kalkylblad.',
    en: () => 'The workbook has no worksheet.',
  },
  NO_HEADER_ROW: {
    sv: () => 'Filen har ingen rubrikrad: den första raden ska ha kolumnernas rubriker.',
    en: () => 'The file has no header row: its first row should hold the column headers.',
  },
  UNKNOWN_COLUMN: {
    sv: (v) => `Ingen kolumn har rubriken ${quote('sv', v.column)} (kolumnerna är ${quoteAll('sv', v.columns)}).`,
    en: (v) => `No column is headed ${quote('en', v.column)} (columns: ${quoteAll('en', v.columns)}).`,
  },
  UNKNOWN_FIELD: {
    sv: (v) => `${quote('sv', v.value)} är inget fält. Fälten är ${v.fields.join(', ')}.`,
    en: (v) => `${quote('en', v.value)} is not a field. The fields are ${v.fields.join(', ')}.`,
  },
  COLUMNS_CLASH: {
    sv: (v) => `Kolumnerna ${listOf('sv', v.columns.map((c) => quote('sv', c)), AND)} fyller samma fält, ${fieldName(v.field, 'sv')}, som bara tar en kolumn: välj ett annat fält för de övriga eller hoppa över dem.`,
    en: (v) => `The columns ${listOf('en', v.columns.map((c) => quote('en', c)), AND)} fill the same field, ${fieldName(v.field, 'en')}, which takes one column: choose another field for the others or ignore them.`,
  },
  MISSING_COLUMN: {
    sv: (v) => `Ingen kolumn fyller fältet ${fieldName(v.field, 'sv')}, som krävs. Välj vilken kolumn som innehåller det (väntade en rubrik som ${quoteAll('sv', v.examples)}; kolumnerna är ${quoteAll('sv', v.columns)}).`,
    en: (v) => `No column fills the ${fieldName(v.field, 'en')} field, which is required. Choose the column that holds it (expected a header such as ${quoteAll('en', v.examples)}; columns: ${quoteAll('en', v.columns)}).`,
  },
  BAD_MAP_ARGUMENT: {
    sv: (v) => `${quote('sv', v.value)} har inte formen ”Kolumn=fält”.`,
    en: (v) => `${quote('en', v.value)} is not of the form "Column=field".`,
  },
};

/** The problem as a sentence. `field` is the row problem's field (ignored by file problems, whose values say it). */
export function problemText(problem: ImportProblem & { field?: string }, lang: ProblemLang): string {
  const say = SENTENCES[problem.code][lang] as (v: ImportProblem['values'], field: string) => string;
  return say(problem.values, problem.field ?? '');
}
