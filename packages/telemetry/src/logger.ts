import { pino, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

const REDACTED = '[redacted]';

/** Keys that can hold a token, a credential, key material or a secret's value, wherever they appear. */
const SECRET_KEYS = [
  'token',
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'value',
  'values',
  'password',
  'secret',
  'masterKey',
  'master_key',
  'dek',
  'kek',
  'plaintext',
  'wrappedDek',
  // A signed principal opens its organisation at every service until it expires.
  'assertion',
  'x-coffer-principal',
];

// The redaction library matches fixed depths; these prefixes cover depths 1 to 3, which reaches
// `req.headers.authorization`.
const DEPTHS = ['', '*', '*.*'];

const REDACT_PATHS = SECRET_KEYS.flatMap((key) => DEPTHS.map((prefix) => `${prefix}["${key}"]`));

export interface LoggerOptions {
  level: LevelWithSilent;
  name: string;
  /** Where JSON lines go; standard output when omitted. */
  destination?: DestinationStream;
}

export function createLogger({ level, name, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      name,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
