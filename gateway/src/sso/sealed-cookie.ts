import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { cookieValue } from '../web/cookies.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Far above any flow's cookie (a few hundred bytes); a longer value is refused unread. */
const MAX_COOKIE_CHARS = 2048;

/**
 * The key that seals the single sign-on cookies, derived from the gateway's service signing key:
 * every gateway of a deployment (and every worker) holds that key already, so a flow started at
 * one gateway finishes at any other without a session store, and it needs no variable of its own.
 * Rotating COFFER_SERVICE_SIGNING_KEY only ends the sign-ins in progress (at most ten minutes).
 */
export function deriveCookieKey(serviceSigningKey: KeyObject): Buffer {
  const material = serviceSigningKey.export({ format: 'der', type: 'pkcs8' });
  return Buffer.from(hkdfSync('sha256', material, 'coffer-gateway', 'single sign-on cookies v1', 32));
}

export interface SealedCookieOptions<T> {
  name: string;
  /** The cookie is sent only under this path. */
  path: string;
  maxAgeSeconds: number;
  /** What a cookie must hold once opened (the key proves who wrote it; this, that it is of this kind and version). */
  schema: z.ZodType<T>;
}

/**
 * A short-lived HttpOnly, SameSite=Lax cookie whose value is AES-256-GCM sealed under the gateway's
 * key, bound to its name (a cookie of one kind cannot be replayed as another) and carrying its own
 * expiry (a browser that keeps it longer than Max-Age gains nothing).
 */
export function sealedCookie<T>(key: Buffer, options: SealedCookieOptions<T>) {
  const aad = Buffer.from(`coffer:${options.name}`);
  const attributes = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: options.path });

  function seal(value: T, now = Date.now()): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
    const plain = Buffer.from(JSON.stringify({ expiresAt: now + options.maxAgeSeconds * 1000, value }));
    return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]).toString('base64url');
  }

  function open(sealed: string, now = Date.now()): T | undefined {
    if (sealed.length > MAX_COOKIE_CHARS || !/^[A-Za-z0-9_-]+$/.test(sealed)) return undefined;
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(aad);
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
      const { expiresAt, value } = JSON.parse(plain.toString('utf8')) as { expiresAt: unknown; value: unknown };
      if (typeof expiresAt !== 'number' || expiresAt <= now) return undefined;
      const parsed = options.schema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    seal,
    open,
    write(req: Request, res: Response, value: T): void {
      res.cookie(options.name, seal(value), { ...attributes(req), maxAge: options.maxAgeSeconds * 1000 });
    },
    /** The cookie's value, when the request carries one this gateway sealed and it has not expired. */
    read(req: Request): T | undefined {
      const sealed = cookieValue(req, options.name);
      return sealed === undefined ? undefined : open(sealed);
    },
    clear(req: Request, res: Response): void {
      res.clearCookie(options.name, attributes(req));
    },
  };
}

export type SealedCookie<T> = ReturnType<typeof sealedCookie<T>>;
