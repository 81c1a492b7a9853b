import { expect, it } from 'vitest';
import { isSameSitePath } from './return-to.js';

it('takes a path of this site, with its query', () => {
  for (const path of ['/', '/device', '/device?user_code=ABCD-EFGH', '/a/b#c']) expect(isSameSitePath(path)).toBe(true);
});

it('refuses whatever a browser could take for another site', () => {
  for (const path of [
    '//evil.example',
    '/\\evil.example',
    '/x\\y',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    ' /x',
    '/x y',
    '/\t/evil',
    '',
    `/${'a'.repeat(600)}`,
  ]) {
    expect(isSameSitePath(path), path).toBe(false);
  }
});
