/** `pnpm docs:permissions`: rewrites the README's REST API table from the routes and access tables. */
import { readFile, writeFile } from 'node:fs/promises';
import { permissionTable, withTable } from './permission-table.js';

const readme = new URL('../../README.md', import.meta.url);
const before = await readFile(readme, 'utf8');
const after = withTable(before, permissionTable());
if (after !== before) await writeFile(readme, after);
process.stdout.write(after === before ? 'README.md: the permission table is up to date\n' : 'README.md: permission table rewritten\n');
