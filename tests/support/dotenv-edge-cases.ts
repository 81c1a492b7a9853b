/** Lines of a .env file covering what dotenv accepts: comments, export, quotes of every kind, multi-line, `=` and `#` inside values. */
export const DOTENV_EDGE_CASE_LINES: readonly string[] = [
  '# exported by a developer; dotenv reads it',
  'export DATABASE_URL=postgres://app:pw@db:5432/app?sslmode=require',
  'API_KEY =  sk-live-abc123   # the key for the API',
  "SINGLE_QUOTED='literal $HOME \\n stays'",
  'DOUBLE_QUOTED="line one\\nline two"',
  'BACKTICKED=`it\'s "both" quotes`',
  'MULTILINE_PEM="-----BEGIN KEY-----',
  'MIIBOgIBAAJBAK',
  '-----END KEY-----"',
  'EQUALS_INSIDE=a=b==c',
  'EMPTY=',
  'HASH_INSIDE=pa#ss',
];
