import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** package.json of the installed package, seen from dist/apps/vm-system/src/cli. */
const PACKAGE_JSON = join(__dirname, '..', '..', '..', '..', '..', 'package.json');

/** Read at run time, so the version is the one of the package actually installed. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}
