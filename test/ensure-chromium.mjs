// The dashboard's browser tests drive Debian's Chromium, never a downloaded browser. On a fresh
// machine `npm test` installs the package first (apt-get, as root); elsewhere it says how, and
// the browser tests then fail with the same advice.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`${CHROMIUM} is missing: installing Debian's chromium package for the browser tests…\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } else {
    process.stderr.write(`${CHROMIUM} is missing and cannot be installed from here: run 'sudo apt-get install -y chromium' for the browser tests\n`);
  }
}
