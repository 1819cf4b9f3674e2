/** Readable, stable ids: a prefix and a slug of the name ("org:stockholms-stadsmission"). */
import { randomBytes } from 'node:crypto';
import { fold } from '../text/fold.js';

export function slug(name: string): string {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'x'
  );
}

/** The slug id, or on a collision (`attempt` > 0) the slug with a short random suffix. */
export function newId(prefix: string, name: string, attempt = 0): string {
  const base = `${prefix}:${slug(name)}`;
  return attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
}
