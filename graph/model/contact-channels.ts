/**
 * Which of an organisation's contact channels anyone may see, and which only signed-in users:
 * one rule for the API and the export. Website and visiting address are the organisation's. An
 * e-mail address or a phone number may be a person's (a chair's own address, a volunteer's
 * mobile), so without an account one sees them only when they are plainly functional: an
 * address whose local part names a function (info@, kontakt@, kansli@…) and a phone number
 * that is not a mobile number (a switchboard or office line). Contact persons are personal data
 * throughout, for those who may edit the organisation only (server/auth/policy.ts).
 */

/** Local parts of functional addresses (before an optional separator and suffix: info.sodermalm@, kansliet@…). */
export const FUNCTIONAL_LOCAL_PARTS = [
  'info',
  'information',
  'kontakt',
  'contact',
  'kansli',
  'kansliet',
  'expedition',
  'expeditionen',
  'reception',
  'receptionen',
  'post',
  'mail',
  'office',
  'hello',
  'hej',
  'admin',
  'styrelsen',
  'styrelse',
  'board',
  'registrator',
  'registratur',
  'fragor',
  'support',
  'service',
  'kundtjanst',
  'bokning',
  'booking',
  'medlem',
  'medlemmar',
  'ekonomi',
  'press',
  'media',
  'volontar',
  'volunteer',
  'stockholm',
] as const;

const FUNCTIONAL = new RegExp(`^(${FUNCTIONAL_LOCAL_PARTS.join('|')})([._+-].*)?$`);

/** Whether an e-mail address is a function's rather than a person's (by its local part, accents folded). */
export function isFunctionalEmail(email: string): boolean {
  const local = email.split('@')[0]?.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() ?? '';
  return FUNCTIONAL.test(local);
}

/** Whether a Swedish phone number is a mobile number (07…, +46 7…), which is most often a person's. */
export function isMobileNumber(phone: string): boolean {
  const digits = phone.replace(/[^\d+]/g, '');
  return /^(07|\+467|00467|467)/.test(digits);
}

export interface ContactChannels {
  email: string | null;
  phone: string | null;
  website: string | null;
  address: string | null;
}

/** The channels a reader sees: all of them when signed in; without an account the functional ones only. */
export function visibleChannels(c: ContactChannels, signedIn: boolean): ContactChannels {
  if (signedIn) return c;
  return {
    email: c.email && isFunctionalEmail(c.email) ? c.email : null,
    phone: c.phone && !isMobileNumber(c.phone) ? c.phone : null,
    website: c.website,
    address: c.address,
  };
}
