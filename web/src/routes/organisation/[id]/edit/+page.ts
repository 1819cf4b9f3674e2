import { loadContactPersons, loadForEdit } from '$lib/edit/load.js';
import { canEditOrganisation } from '$lib/auth/viewer.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang, viewer } = await parent();
  // Contact persons are personal data: read only for those who may edit them.
  const persons = canEditOrganisation(viewer, params.id) ? loadContactPersons(fetch, params.id, lang) : Promise.resolve(undefined);
  const [edit, contactPersons] = await Promise.all([loadForEdit(fetch, params.id, lang), persons]);
  return { ...edit, contactPersons };
};
