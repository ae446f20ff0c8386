import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** docs/ ships with the package; `vm-system help TOPIC` prints docs/TOPIC.md. */
const DOCS_DIR = join(__dirname, '..', '..', '..', '..', '..', 'docs');

export function helpTopics(): string[] {
  return existsSync(DOCS_DIR)
    ? readdirSync(DOCS_DIR)
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3))
        .sort()
    : [];
}

export function helpTopic(topic: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(topic)) return undefined;
  const file = join(DOCS_DIR, `${topic}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
