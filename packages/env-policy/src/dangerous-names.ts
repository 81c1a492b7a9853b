/**
 * Environment variables that let whoever controls their value run code in, or redirect, the
 * process they are injected into. The server's inject never hands them out, whatever is stored,
 * and `coffer run` removes them again, so an older or compromised server cannot pass one to a child.
 */
const EXACT = new Set([
  'PATH',
  'NODE_OPTIONS',
  'NODE_PATH',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PERL5OPT',
  'PERL5LIB',
  'PERLLIB',
  'RUBYOPT',
  'RUBYLIB',
  'BASH_ENV',
  'ENV',
  'SHELLOPTS',
  'BASHOPTS',
  'PS4',
  'PROMPT_COMMAND',
  'IFS',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'GCONV_PATH',
  'HOSTALIASES',
  'LOCALDOMAIN',
  'RES_OPTIONS',
]);

/** Dynamic-loader controls on Linux (LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT, ...) and macOS (DYLD_*). */
const PREFIXES = ['LD_', 'DYLD_'];

export const DANGEROUS_EXACT_NAMES: readonly string[] = [...EXACT];
export const DANGEROUS_PREFIXES: readonly string[] = PREFIXES;

export function isDangerousName(name: string): boolean {
  const upper = name.toUpperCase();
  return EXACT.has(upper) || PREFIXES.some((prefix) => upper.startsWith(prefix));
}
