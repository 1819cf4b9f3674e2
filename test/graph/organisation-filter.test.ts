/** The organisation filter is planned once (graph/filter/organisation-filter.ts) for the store and the read model alike. */
import { describe, expect, it } from 'vitest';
import { planOrganisationFilter, planOrganisationFilterAsync, type HierarchyQuestion } from '../../graph/filter/organisation-filter.js';
import { ValidationError } from '../../graph/errors.js';

const known = new Set(['d:a', 'd:b', 'tg:x']);
const answer = (q: HierarchyQuestion): Set<string> => {
  if (q.ask === 'existing') return new Set(q.ids.filter((id) => known.has(id)));
  if (q.ask === 'districtsWithInner') return new Set([...q.ids, 'd:inner']);
  if (q.ask === 'districtsOuter') return new Set(['d:outer']);
  return new Set([...q.ids, 'tg:narrower']);
};

describe('organisation filter plan', () => {
  it('expands districts (wider on request) and target groups, folds the text, keeps the synthetic flag', async () => {
    const filter = { districts: ['d:a'], includeWider: true, targetGroups: ['tg:x'], agreementKinds: ['IOP' as const], resourcesOffered: ['r:1'], text: '  Frälsnings  Armén ', synthetic: false };
    const planned = planOrganisationFilter(filter, answer);
    expect(planned).toEqual({
      text: 'fralsnings armen',
      synthetic: false,
      districtIds: new Set(['d:a', 'd:inner', 'd:outer']),
      targetGroupIds: new Set(['tg:x', 'tg:narrower']),
      agreementKinds: ['IOP'],
      offered: ['r:1'],
    });
    expect(await planOrganisationFilterAsync(filter, async (q) => answer(q))).toEqual(planned);
    expect(planOrganisationFilter({}, answer)).toEqual({ text: '', synthetic: null });
  });

  it('names each unknown id by its place in the filter', () => {
    let error: unknown;
    try {
      planOrganisationFilter({ districts: ['d:a', 'd:nope'], targetGroups: ['tg:x'] }, answer);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{ field: 'filter.districts.1', message: '"d:nope" does not exist' }]);
  });
});
