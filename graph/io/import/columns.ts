/**
 * Which column holds what: header synonyms in Swedish and English, and an explicit mapping
 * (`--map "Föreningens namn=name"`) that wins over them. The mapping is shown in the preview.
 */
import { fold } from '../../text/fold.js';
import { fileProblem, ImportFileError, type FileFieldProblem } from './problems.js';

export { IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField } from './fields.js';
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField } from './fields.js';

const SYNONYMS: Record<ImportField, string[]> = {
  id: ['id', 'samverkan id', 'samverkan-id', 'nod-id'],
  name: ['namn', 'name', 'organisation', 'organisationens namn', 'organisationsnamn', 'foreningens namn', 'forening', 'forening/organisation', 'organization', 'organisation name', 'organization name', 'mottagare', 'bidragsmottagare'],
  orgNumber: ['organisationsnummer', 'orgnr', 'org nr', 'org.nr', 'org. nr', 'organisationsnr', 'org-nr', 'orgnummer', 'organisation number', 'organization number', 'org number', 'registration number', 'corporate id'],
  aliases: ['alias', 'aliases', 'alternativa namn', 'alternativt namn', 'aven kallad', 'other names', 'alternate name', 'alternate names', 'kortnamn'],
  legalForm: ['juridisk form', 'organisationsform', 'associationsform', 'bolagsform', 'legal form', 'legal status'],
  description: ['beskrivning', 'verksamhet', 'verksamhetsbeskrivning', 'om organisationen', 'description', 'about'],
  website: ['webbplats', 'hemsida', 'webbadress', 'webb', 'url', 'website', 'web', 'homepage'],
  email: ['e-post', 'epost', 'e-postadress', 'mejl', 'mail', 'email', 'e-mail'],
  phone: ['telefon', 'tel', 'telefonnummer', 'tfn', 'phone', 'telephone', 'phone number'],
  address: ['adress', 'postadress', 'besoksadress', 'gatuadress', 'address', 'postal address'],
  targetGroups: ['malgrupp', 'malgrupper', 'malgrupp(er)', 'target group', 'target groups', 'serves'],
  districts: ['stadsdel', 'stadsdelar', 'stadsdelsomrade', 'stadsdelsomraden', 'omrade', 'omraden', 'verksamhetsomrade', 'kommun', 'geografiskt omrade', 'district', 'districts', 'area', 'areas', 'service area'],
  agreements: ['overenskommelse', 'overenskommelser', 'avtal', 'iop', 'iop/avtal', 'agreement', 'agreements', 'bidrag', 'stod'],
  agreementKind: ['avtalstyp', 'typ av avtal', 'typ av overenskommelse', 'overenskommelsetyp', 'agreement kind', 'agreement type'],
  agreementRole: ['roll', 'roll i avtal', 'roll i overenskommelsen', 'agreement role', 'role'],
  collaborations: ['samverkan', 'samarbete', 'samarbeten', 'natverk', 'samverkansprojekt', 'collaboration', 'collaborations', 'network', 'networks'],
  collaborationKind: ['samverkanstyp', 'typ av samverkan', 'collaboration kind', 'collaboration type'],
};

/** Header text as compared: folded (case, accents, whitespace), trailing colons dropped. */
export function headerKey(header: string): string {
  return fold(header).replace(/[:*]+$/, '').trim();
}

const BY_SYNONYM = new Map<string, ImportField>();
for (const [field, words] of Object.entries(SYNONYMS) as [ImportField, string[]][]) {
  for (const w of [field, ...words]) BY_SYNONYM.set(headerKey(w), field);
}

export interface ColumnMapping {
  /** For each column (by index): the field it fills, or null when it is ignored. */
  columns: { index: number; header: string; field: ImportField | null; how: 'synonym' | 'explicit' | 'unknown' | 'ignored' }[];
  /** For each field: the columns that fill it (list fields may take several). */
  fields: Partial<Record<ImportField, number[]>>;
}

/**
 * Maps headers to fields. `explicit` maps a header (as written, or folded) to a field name or
 * to `ignore`. Problems (unknown field names, a field filled twice, a required field missing)
 * are all reported at once.
 */
export function mapColumns(headers: readonly string[], explicit: Readonly<Record<string, string>> = {}): ColumnMapping {
  const problems: FileFieldProblem[] = [];
  const wanted = new Map<string, { field: ImportField | null; given: string }>();
  for (const [header, target] of Object.entries(explicit)) {
    const key = headerKey(header);
    if (!headers.some((h) => headerKey(h) === key)) {
      problems.push(fileProblem(`map.${header}`, { code: 'UNKNOWN_COLUMN', values: { column: header, columns: [...headers] } }));
      continue;
    }
    if (target === 'ignore' || target === '') wanted.set(key, { field: null, given: header });
    else if (target in IMPORT_FIELDS) wanted.set(key, { field: target as ImportField, given: header });
    else problems.push(fileProblem(`map.${header}`, { code: 'UNKNOWN_FIELD', values: { value: target, fields: [...Object.keys(IMPORT_FIELDS), 'ignore'] } }));
  }

  const columns: ColumnMapping['columns'] = headers.map((header, index) => {
    const key = headerKey(header);
    const chosen = wanted.get(key);
    if (chosen) return { index, header, field: chosen.field, how: chosen.field ? 'explicit' : 'ignored' };
    const field = BY_SYNONYM.get(key) ?? null;
    return { index, header, field, how: field ? 'synonym' : 'unknown' };
  });
  const fields: ColumnMapping['fields'] = {};
  for (const c of columns) if (c.field) (fields[c.field] ??= []).push(c.index);
  for (const [field, idx] of Object.entries(fields) as [ImportField, number[]][]) {
    if (idx.length > 1 && !IMPORT_FIELDS[field].list) {
      problems.push(fileProblem(`columns.${field}`, { code: 'COLUMNS_CLASH', values: { field, columns: idx.map((i) => headers[i] ?? '') } }));
    }
  }
  for (const field of REQUIRED_FIELDS) {
    if (!fields[field]) {
      problems.push(fileProblem(`columns.${field}`, { code: 'MISSING_COLUMN', values: { field, examples: SYNONYMS[field].slice(0, 3), columns: [...headers] } }));
    }
  }
  if (problems.length) throw new ImportFileError(problems);
  return { columns, fields };
}

/** Parses `--map` arguments: `Header=field`. */
export function parseMapArgs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const problems: FileFieldProblem[] = [];
  for (const a of args) {
    const at = a.lastIndexOf('=');
    if (at <= 0) problems.push(fileProblem('map', { code: 'BAD_MAP_ARGUMENT', values: { value: a } }));
    else out[a.slice(0, at).trim()] = a.slice(at + 1).trim();
  }
  if (problems.length) throw new ImportFileError(problems);
  return out;
}
