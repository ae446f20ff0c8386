import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in vm-system's package.json, found from this file up (from src or dist alike). */
export function packageVersion(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vm-system' && pkg.version) return pkg.version;
    } catch {
      // No package.json here: look further up.
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}
