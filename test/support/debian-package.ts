import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A program a test drives that the machine may not have yet (zsh): installed from Debian's
 * package as root, as test/ensure-packages.mjs does before `npm test`; elsewhere the test fails
 * saying how to install it.
 */
export function ensureDebianPackage(binary: string, pkg: string): void {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`${binary} is missing and cannot be installed from here: run 'sudo apt-get install -y ${pkg}'`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'ignore', env });
}
