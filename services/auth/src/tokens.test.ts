import { expect, it } from 'vitest';
import { generateToken, hashToken, isWellFormedToken, TOKEN_PREFIX } from './tokens.js';

it('makes distinct, recognisable tokens with a valid checksum', () => {
  const tokens = new Set(Array.from({ length: 200 }, generateToken));
  expect(tokens.size).toBe(200);
  for (const token of tokens) {
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(isWellFormedToken(token)).toBe(true);
  }
});

it('rejects a token with one character changed, by its checksum', () => {
  const token = generateToken();
  const position = TOKEN_PREFIX.length + 5;
  const changed = token.slice(0, position) + (token[position] === 'A' ? 'B' : 'A') + token.slice(position + 1);
  expect(isWellFormedToken(changed)).toBe(false);
  expect(isWellFormedToken(`${token}x`)).toBe(false);
  expect(isWellFormedToken('coffer_short')).toBe(false);
  expect(isWellFormedToken(token.replace(TOKEN_PREFIX, 'ghp_'))).toBe(false);
});

it('stores a SHA-256 digest that reveals nothing of the token', () => {
  const token = generateToken();
  const digest = hashToken(token);
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  expect(digest).not.toContain(token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + 8));
  expect(hashToken(token)).toBe(digest);
});
