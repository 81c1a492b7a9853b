import type { RequestHandler } from 'express';
import { fieldError, isUtf8, showPath, textProblem, UTF8_RULE } from '@coffer/contract';

const PERCENT_RULE = 'must be valid percent-encoding';
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/**
 * One name or value of a query string, decoded exactly (`+` is a space), or the rule it breaks.
 * Node's parser lets only ASCII into a request target, so any other byte arrives percent-encoded.
 */
function decode(text: string): { text: string } | { rule: string } {
  if (!text.includes('%') && !text.includes('+')) return { text };
  const bytes = Buffer.allocUnsafe(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x25) {
      const hex = text.slice(i + 1, i + 3);
      if (!HEX_PAIR.test(hex)) return { rule: PERCENT_RULE };
      bytes[length++] = Number.parseInt(hex, 16);
      i += 2;
    } else if (char > 0x7f) {
      return { rule: PERCENT_RULE };
    } else {
      bytes[length++] = char === 0x2b ? 0x20 : char;
    }
  }
  const decoded = bytes.subarray(0, length);
  return isUtf8(decoded) ? { text: decoded.toString('utf8') } : { rule: UTF8_RULE };
}

/**
 * The app's query parser. Node's `querystring` turns bytes that are not UTF-8 into U+FFFD, keeps
 * broken percent-encoding as it was sent, and makes an array of a parameter given twice (which
 * reader takes which?): each is refused here, naming the parameter (when its name is fit to show).
 * A name is an own property of an object without prototype, so `__proto__` is just a name.
 * @throws CofferError INVALID_ARGUMENT
 */
export function parseQuery(query: string | null | undefined): Record<string, string> {
  const parsed: Record<string, string> = Object.create(null);
  if (!query) return parsed;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals === -1 ? pair : pair.slice(0, equals));
    if ('rule' in name) throw fieldError('query', '?', name.rule);
    const field = showPath([name.text]);
    const nameProblem = textProblem(name.text);
    if (nameProblem) throw fieldError('query', field, nameProblem);
    const value = decode(equals === -1 ? '' : pair.slice(equals + 1));
    if ('rule' in value) throw fieldError('query', field, value.rule);
    const valueProblem = textProblem(value.text);
    if (valueProblem) throw fieldError('query', field, valueProblem);
    if (Object.hasOwn(parsed, name.text)) throw fieldError('query', field, 'must be given only once');
    parsed[name.text] = value.text;
  }
  return parsed;
}

/** Express parses the query when something first reads it: this reads it first, so a bad one is refused before anything acts on the request. */
export const strictQuery: RequestHandler = (req, _res, next) => {
  try {
    void req.query;
  } catch (err) {
    return next(err);
  }
  next();
};
