import { gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { CoverageDocument } from '$lib/graphql/generated.js';
import { loadCatalogue } from '$lib/explore/catalogue.js';
import { parseCoverageParams } from '$lib/coverage/params.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang } = await parent();
  const params = parseCoverageParams(url.searchParams);
  try {
    const [catalogue, data] = await Promise.all([
      loadCatalogue(fetch, lang),
      gql(fetch, CoverageDocument, { level: params.level, targetGroups: params.tg.length ? params.tg : null, maxListed: 100, validOn: params.period || null, includeRegionalAndNational: true }, lang),
    ]);
    return { params, catalogue, matrix: data.coverage, divisions: data.districtDivisions };
  } catch (e) {
    failLoad(e);
  }
};
