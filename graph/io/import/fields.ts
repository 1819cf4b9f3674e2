/** The fields an import row fills (columns.ts maps headers to them). */
/** What an import row can say about an organisation and its links (their names in sentences: problem-text.ts). */
export const IMPORT_FIELDS = {
  id: { list: false },
  name: { list: false },
  orgNumber: { list: false },
  aliases: { list: true },
  legalForm: { list: false },
  description: { list: false },
  website: { list: false },
  email: { list: false },
  phone: { list: false },
  address: { list: false },
  targetGroups: { list: true },
  districts: { list: true },
  agreements: { list: true },
  agreementKind: { list: false },
  agreementRole: { list: false },
  collaborations: { list: true },
  collaborationKind: { list: false },
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
export const REQUIRED_FIELDS: readonly ImportField[] = ['name'];
