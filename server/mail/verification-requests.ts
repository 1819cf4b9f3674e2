/**
 * Verification requests by e-mail, one or in bulk: for each chosen organisation a single-use link
 * (ContactRepository.requestVerification, the /contact/verify flow) mailed to its address through
 * the MailQueue (retries, bounces), and a report per organisation: SENT, QUEUED (still being tried
 * when the answer was due), FAILED (bounced, or no mail server) or NO_ADDRESS.
 */
import type { GraphStore } from '../../graph/store.js';
import type { ContactRepository } from '../../graph/repo/contacts.js';
import type { Actor } from '../../graph/repo/actor.js';
import { ValidationError } from '../../graph/errors.js';
import type { MailQueue } from './queue.js';
import { contactVerificationMessage } from './messages.js';
import { log } from '../log.js';

export const MAX_VERIFICATION_REQUESTS = 200;

export type VerificationSendStatus = 'SENT' | 'QUEUED' | 'FAILED' | 'NO_ADDRESS';
export interface VerificationSendResult {
  organisationId: string;
  organisationName: string;
  to: string | null;
  status: VerificationSendStatus;
  error: string | null;
  mailJobId: string | null;
}

export interface VerificationRequestOptions {
  /** The app's public URL (links point there). */
  publicUrl: string;
  lang: 'sv' | 'en';
  /** How long the answer waits for the queue before reporting what is still under way as QUEUED (default 5 s). */
  waitMs?: number;
}

/** The page where a representative confirms or corrects the details, in the reader's language. */
export function verificationLink(publicUrl: string, token: string, lang: 'sv' | 'en' = 'sv'): string {
  return `${publicUrl}${lang === 'en' ? '/en' : ''}/contact/verify?token=${encodeURIComponent(token)}`;
}

export async function sendVerificationRequests(
  store: GraphStore,
  contacts: ContactRepository,
  mail: MailQueue,
  organisationIds: readonly string[],
  actor: Actor,
  options: VerificationRequestOptions,
): Promise<VerificationSendResult[]> {
  const ids = [...new Set(organisationIds)];
  if (ids.length === 0) throw new ValidationError([{ field: 'organisationIds', message: 'Välj minst en organisation. Choose at least one organisation.' }]);
  if (ids.length > MAX_VERIFICATION_REQUESTS) throw new ValidationError([{ field: 'organisationIds', message: `Högst ${MAX_VERIFICATION_REQUESTS} åt gången. At most ${MAX_VERIFICATION_REQUESTS} at a time.` }]);
  const found = await store.organisations.getMany(ids);
  const unknown = ids.find((id) => !found.get(id));
  if (unknown !== undefined) throw new ValidationError([{ field: `organisationIds.${organisationIds.indexOf(unknown)}`, message: `Okänd organisation ${unknown}. Unknown organisation.` }]);

  const results: VerificationSendResult[] = [];
  for (const id of ids) {
    const o = found.get(id)!;
    const to = o.email?.trim() || null;
    if (!to) {
      results.push({ organisationId: o.id, organisationName: o.name, to: null, status: 'NO_ADDRESS', error: null, mailJobId: null });
      continue;
    }
    const { value } = await contacts.requestVerification(o.id, actor);
    const link = verificationLink(options.publicUrl, value.token, options.lang);
    const job = mail.enqueue(contactVerificationMessage(to, o.name, link, new Date(value.expiresAt), options.lang));
    log('info', 'contact verification request queued', { organisationId: o.id, mail: job.id });
    results.push({ organisationId: o.id, organisationName: o.name, to, status: 'QUEUED', error: null, mailJobId: job.id });
  }

  // Wait a little for the queue, then report each job as it stands.
  const deadline = Date.now() + (options.waitMs ?? 5_000);
  const pending = () => results.some((r) => r.mailJobId && ['QUEUED', 'SENDING'].includes(mail.job(r.mailJobId)?.state ?? ''));
  while (pending() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  for (const r of results) {
    if (!r.mailJobId) continue;
    const job = mail.job(r.mailJobId);
    if (job?.state === 'SENT') r.status = 'SENT';
    else if (job?.state === 'FAILED') {
      r.status = 'FAILED';
      r.error = job.lastError;
    }
  }
  return results;
}
