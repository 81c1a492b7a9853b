import express, { type RequestHandler } from 'express';
import { CofferError, fieldError, firstInvalidUtf8Byte, UTF8_RULE } from '@coffer/contract';

export const FORM_TYPE = 'application/x-www-form-urlencoded';
/** A form of the device pages or an OAuth request holds a few short fields. */
const FORM_LIMIT = '16kb';

/**
 * An `application/x-www-form-urlencoded` body read as exactly one thing: a field given twice is
 * refused (RFC 6749 §3.2: parameters MUST NOT be included more than once), and so are bytes that
 * are not UTF-8 once decoded. Messages name the field, never its value.
 * @throws CofferError INVALID_ARGUMENT
 */
export function parseForm(raw: Buffer): Record<string, string> {
  if (firstInvalidUtf8Byte(raw) !== -1) throw new CofferError('INVALID_ARGUMENT', `request body ${UTF8_RULE}`);
  const form: Record<string, string> = Object.create(null);
  for (const part of raw.toString('utf8').split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const [rawName, rawValue] = equals === -1 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    const name = decodeField(rawName, '?');
    const value = decodeField(rawValue, name);
    if (Object.hasOwn(form, name)) throw fieldError('body', fieldName(name), 'must be given only once');
    form[name] = value;
  }
  return { ...form };
}

const fieldName = (name: string) => (/^[A-Za-z0-9_]{1,64}$/.test(name) ? name : '?');

/** The text a form field stands for: `+` is a space, `%XX` one byte, anything else its own UTF-8; the bytes must be UTF-8. */
function decodeField(text: string, field: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) throw fieldError('body', fieldName(field), 'is not valid percent-encoding');
  const bytes: number[] = [];
  for (const piece of text.split(/(%[0-9A-Fa-f]{2})/)) {
    if (piece.startsWith('%') && piece.length === 3) bytes.push(parseInt(piece.slice(1), 16));
    else bytes.push(...Buffer.from(piece.replace(/\+/g, ' '), 'utf8'));
  }
  const decoded = Buffer.from(bytes);
  if (firstInvalidUtf8Byte(decoded) !== -1) throw fieldError('body', fieldName(field), UTF8_RULE);
  return decoded.toString('utf8');
}

/** Reads a form body into `req.body`; another media type (or none) is passed on untouched. */
export function formBody(): RequestHandler {
  const readBytes = express.raw({ type: FORM_TYPE, limit: FORM_LIMIT, inflate: false });
  return (req, res, next) =>
    readBytes(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!Buffer.isBuffer(req.body)) return next();
      try {
        req.body = parseForm(req.body);
      } catch (parseError) {
        return next(parseError);
      }
      next();
    });
}
