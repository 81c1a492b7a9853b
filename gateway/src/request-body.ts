import express, { type RequestHandler } from 'express';
import {
  CofferError,
  fieldError,
  firstInvalidUtf8Byte,
  isJsonObject,
  JsonParseError,
  parseStrictJson,
  pathAtOffset,
  showPath,
  UTF8_RULE,
  type JsonPath,
} from '@coffer/contract';
import { keepRawBody } from './request-integrity.js';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** No request body nests deeper than three levels (a push's entries); this leaves room without letting a body cost much. */
export const MAX_BODY_DEPTH = 16;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function refusal(path: JsonPath | undefined, rule: string, whole: string): CofferError {
  const field = path === undefined ? '' : showPath(path);
  if (field === '') return new CofferError('INVALID_ARGUMENT', whole);
  return fieldError('body', field, rule);
}

/**
 * A JSON request body as sent, read as exactly one thing. Refused (400, naming the field, never
 * quoting it): bytes that are not UTF-8 (they would be stored as U+FFFD), a member name given
 * twice in one object (`JSON.parse` keeps the last, another reader the first), nesting deeper
 * than MAX_BODY_DEPTH, and anything but an object. A leading byte order mark is ignored, as RFC
 * 8259 allows; an empty body is an empty object, as it always was.
 * @throws CofferError INVALID_ARGUMENT
 */
export function parseJsonBody(raw: Buffer): Record<string, unknown> {
  const bytes = raw.subarray(0, 3).equals(BOM) ? raw.subarray(3) : raw;
  if (bytes.length === 0) return {};
  const invalid = firstInvalidUtf8Byte(bytes);
  if (invalid !== -1) {
    // The bytes before the first invalid one decode exactly, so their length is its offset in the lossy text.
    const path = pathAtOffset(bytes.toString('utf8'), bytes.subarray(0, invalid).toString('utf8').length);
    throw refusal(path, UTF8_RULE, `request body ${UTF8_RULE}`);
  }
  let body: unknown;
  try {
    body = parseStrictJson(bytes.toString('utf8'), { maxDepth: MAX_BODY_DEPTH });
  } catch (err) {
    if (!(err instanceof JsonParseError)) throw err;
    if (err.problem === 'duplicate') throw refusal(err.path, 'must be given only once', 'request body gives a member name twice');
    if (err.problem === 'depth') throw new CofferError('INVALID_ARGUMENT', `request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
    throw new CofferError('INVALID_ARGUMENT', `request body is not valid JSON (line ${err.line})`);
  }
  if (!isJsonObject(body)) throw new CofferError('INVALID_ARGUMENT', 'request body must be a JSON object');
  return body;
}

/** The `charset` parameter of a Content-Type, lower-cased, or undefined. */
function charsetOf(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const equals = parameter.indexOf('=');
    if (equals !== -1 && parameter.slice(0, equals).trim().toLowerCase() === 'charset') {
      return parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return undefined;
}

/**
 * Reads a JSON body: the size limit (413) and Content-Encoding are express.raw's, the bytes are
 * kept for the request checksum, and `parseJsonBody` decides what they say. A request without a
 * body, or with another media type, is passed on untouched (`req.body` undefined).
 */
export function jsonBody(options: { limit: number }): RequestHandler {
  const readBytes = express.raw({ type: JSON_TYPES, limit: options.limit, inflate: true });
  return (req, res, next) => {
    // The server left `Expect: 100-continue` unanswered (http-server.ts): the body is wanted now.
    if (req.headers.expect?.toLowerCase() === '100-continue' && req.is(JSON_TYPES)) res.writeContinue();
    readBytes(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!Buffer.isBuffer(req.body)) return next();
      const raw = req.body;
      req.body = undefined;
      const charset = charsetOf(req.get('content-type') ?? '');
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        return next(fieldError('header', 'Content-Type', 'the charset must be utf-8'));
      }
      keepRawBody(req, raw);
      try {
        req.body = parseJsonBody(raw);
      } catch (parseError) {
        return next(parseError);
      }
      next();
    });
  };
}
