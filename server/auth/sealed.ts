/**
 * Sealed values for cookies: JSON encrypted and authenticated with AES-256-GCM, so a browser can
 * carry state for the server (the OIDC sign-in's) without reading or changing it, and any server
 * of the deployment that has the key can open it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const keyOf = (secret: string) => createHash('sha256').update(`samverkan-sealed:${secret}`, 'utf8').digest();

export function seal(value: unknown, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The value, or null when the text was not sealed with this key or was changed. */
export function unseal<T>(text: string, secret: string): T | null {
  try {
    const raw = Buffer.from(text, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}
