import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Session, SettingsPatch, VmSystemClient } from '@vm-system/client';
import { tempDir } from './paths';

/** A worktree directory with the given files (path → content). */
export function makeWorktree(files: Record<string, string> = {}): string {
  const root = tempDir('vm-system-worktree-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

let counter = 0;

/** A template with a unique name and the given settings. */
export async function makeTemplate(client: VmSystemClient, settings?: SettingsPatch): Promise<string> {
  const { id } = await client.createTemplate({ name: `t-${process.pid}-${++counter}` });
  if (settings) await client.changeSettings(id, settings);
  return id;
}

/** A ready session from a new template (settings applied) over a new worktree. */
export async function makeSession(
  client: VmSystemClient,
  options: { settings?: SettingsPatch; files?: Record<string, string>; templateId?: string } = {},
): Promise<Session & { worktree: string }> {
  const templateId = options.templateId ?? (await makeTemplate(client, options.settings));
  const worktree = makeWorktree(options.files);
  const session = await client.createSession({ template_id: templateId, workspace_id: 'ws-test', base_commit_oid: 'abc123', worktree_path: worktree });
  return { ...session, worktree };
}

/**
 * Polls an observable condition of the daemon (not a timer): each round is one real
 * request, and the number of rounds is bounded.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, rounds = 2000): Promise<T> {
  for (let i = 0; i < rounds; i++) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  throw new Error(`gave up waiting for ${what}`);
}
