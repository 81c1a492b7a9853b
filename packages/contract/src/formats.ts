/**
 * The document formats a whole environment is pushed, pulled and compared in, by name: the same
 * list for the gateway's requests and the CLI's `--format`. How each is read and written lives in
 * @coffer/formats: `env` is a .env file a POSIX shell reads exactly (`set -a; . ./.env`), `dotenv`
 * one the dotenv package reads exactly and a shell must never source.
 */
export const DOCUMENT_FORMATS = ['env', 'dotenv', 'json', 'yaml'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export function isDocumentFormat(value: string): value is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(value);
}
