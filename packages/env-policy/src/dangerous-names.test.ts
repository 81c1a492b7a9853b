import { expect, it } from 'vitest';
import { isDangerousName } from './dangerous-names.js';

it.each([
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'PATH',
  'NODE_OPTIONS',
  'PYTHONPATH',
  'PERL5OPT',
  'BASH_ENV',
  'ENV',
  'ld_preload',
  'Path',
])('withholds %s, which can hijack the child process', (name) => {
  expect(isDangerousName(name)).toBe(true);
});

it.each(['DATABASE_URL', 'API_KEY', 'PATHNAME', 'ENVIRONMENT', 'MY_PATH', 'NODE_ENV', 'OLD_PRELOAD'])('passes %s through', (name) => {
  expect(isDangerousName(name)).toBe(false);
});
