// Programs the tests drive that a fresh machine may lack, all from Debian's packages, never
// downloaded: Chromium for the dashboard's browser tests, zsh for completion, strace for the
// power-cut test. As root `npm test` installs what is missing first, in one apt-get (the spec
// files run in parallel and would race for dpkg's lock); elsewhere it says how, and the tests
// that need one then fail with the same advice.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PROGRAMS = { '/usr/bin/chromium': 'chromium', '/usr/bin/zsh': 'zsh', '/usr/bin/strace': 'strace' };

const missing = Object.entries(PROGRAMS).filter(([binary]) => !existsSync(binary));
if (missing.length > 0) {
  const packages = missing.map(([, pkg]) => pkg);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`installing Debian's ${packages.join(', ')} for the tests…\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } else {
    process.stderr.write(`${missing.map(([binary]) => binary).join(', ')} missing and cannot be installed from here: run 'sudo apt-get install -y ${packages.join(' ')}'\n`);
  }
}
