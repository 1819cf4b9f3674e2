/**
 * The organisation link kinds are declared once (graph/model/links.ts); everything that lists
 * them derives from that table. A kind missing from the schema, the model, the read model,
 * import, export, the resolvers or the profile fails here.
 */
import { describe, expect, it } from 'vitest';
import { buildASTSchema, parse, type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { EXPORT_LINK_KINDS, IMPORT_LINK_KINDS, LINK_FIELDS, LINK_KIND_OF_SDL, LINK_KINDS, ORGANISATION_LINKS, REPRESENTATIVE_LINK_KINDS, profileLinks } from '../../graph/model/links.js';
import { RELATIONSHIPS } from '../../graph/model/model.js';
import { LINK_KINDS as READMODEL_KINDS, TARGET_OF, TARGET_LABELS } from '../../graph/readmodel/model.js';
import { EXPORTS } from '../../graph/readmodel/export.js';
import { EXPORT_LINKS } from '../../graph/io/export/view.js';
import { IMPORT_LINKS, io } from '../../graph/cypher/statements/io.js';
import { IMPORT_FIELDS } from '../../graph/io/import/fields.js';
import { ORGANISATION_LINKS as REPO_LINKS } from '../../graph/repo/links.js';
import { readTypeDefs } from '../../server/graphql/apollo.js';
import { organisationResolvers } from '../../server/graphql/resolvers/organisations.js';

const kinds = Object.keys(ORGANISATION_LINKS).sort();
const schema = buildASTSchema(parse(readTypeDefs().join('\n')), { assumeValidSDL: true });

describe('organisation link kinds', () => {
  it('are the seven kinds, each a relationship the model declares from an organisation to its target', () => {
    expect(kinds).toEqual(['agreement', 'collaboration', 'district', 'needs', 'offers', 'targetGroup', 'umbrella']);
    for (const kind of LINK_KINDS) {
      const { type, from, to } = ORGANISATION_LINKS[kind];
      expect(RELATIONSHIPS[type].pairs.map((p) => p.join('→')), kind).toContain(`${from}→${to}`);
    }
  });

  it('are the values of the SDL enum OrganisationLinkKind, and fields of Organisation with a resolver', () => {
    const sdl = schema.getType('OrganisationLinkKind') as GraphQLEnumType;
    expect(sdl.getValues().map((v) => v.name).sort()).toEqual(Object.keys(LINK_KIND_OF_SDL).sort());
    for (const kind of LINK_KINDS) expect(LINK_KIND_OF_SDL[ORGANISATION_LINKS[kind].sdl]).toBe(kind);
    const organisation = schema.getType('Organisation') as GraphQLObjectType;
    const resolvers = organisationResolvers.Organisation as Record<string, unknown>;
    for (const field of LINK_FIELDS) {
      expect(organisation.getFields()[field], field).toBeDefined();
      expect(typeof resolvers[field], field).toBe('function');
    }
    expect(new Set(LINK_FIELDS).size).toBe(kinds.length);
  });

  it('are all held by the repositories, the read model and its export, the profile and the export', () => {
    expect(Object.keys(REPO_LINKS).sort()).toEqual(kinds);
    expect([...READMODEL_KINDS].sort()).toEqual(kinds);
    expect(Object.keys(TARGET_OF).sort()).toEqual(kinds);
    for (const kind of LINK_KINDS) {
      if (TARGET_OF[kind] !== 'Organisation') expect(TARGET_LABELS).toContain(TARGET_OF[kind]);
      expect(Object.keys(EXPORTS), kind).toContain(`link.${kind}`);
    }
    expect(Object.keys(profileLinks((k) => k)).sort()).toEqual(LINK_KINDS.map((k) => ORGANISATION_LINKS[k].profile).sort());
    expect([...EXPORT_LINKS].sort()).toEqual(kinds);
    expect([...EXPORT_LINK_KINDS]).toEqual(['targetGroup', 'district', 'agreement', 'collaboration', 'offers', 'needs', 'umbrella']);
    expect(new Set(LINK_KINDS.map((k) => ORGANISATION_LINKS[k].csv)).size).toBe(kinds.length);
  });

  it('that an import sets are import columns with statements', () => {
    expect(Object.keys(IMPORT_LINKS)).toEqual(['targetGroups', 'districts', 'agreements', 'collaborations']);
    for (const kind of IMPORT_LINK_KINDS) {
      const column = ORGANISATION_LINKS[kind].importColumn;
      expect(IMPORT_FIELDS, column).toHaveProperty(column);
      expect(IMPORT_LINKS[column]).toEqual({ type: ORGANISATION_LINKS[kind].type, to: ORGANISATION_LINKS[kind].to });
      expect(io.createLinks[column], column).toBeDefined();
      expect(io.existingLinks[column], column).toBeDefined();
    }
  });

  it('that a representative may set exclude agreements and collaborations', () => {
    expect([...REPRESENTATIVE_LINK_KINDS].sort()).toEqual(['district', 'needs', 'offers', 'targetGroup', 'umbrella']);
  });
});
