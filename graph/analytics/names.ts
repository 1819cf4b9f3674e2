/** Looking up display names for ids, in Swedish or English where the graph has both. */
export type Lang = 'sv' | 'en';

export interface NameLookup {
  organisationName(id: string): string | undefined;
  targetGroupName(id: string, lang: Lang): string | undefined;
  districtName(id: string): string | undefined;
  resourceTypeName(id: string, lang: Lang): string | undefined;
  agreementName(id: string): string | undefined;
  collaborationName?(id: string): string | undefined;
}
