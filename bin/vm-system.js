#!/usr/bin/env node
'use strict';
// isolated-vm on Node 20 wants --no-node-snapshot in every process that runs isolates.
// `serve` (the daemon, which forks the session hosts) is re-run with the flag when it is
// missing, so a user never has to pass it. Client commands load no isolate and skip the
// extra Node start.
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'vm-system', 'src', 'main.js');
const needsFlag = process.argv.slice(2).includes('serve');
const hasFlag = process.execArgv.includes('--no-node-snapshot') || (process.env.NODE_OPTIONS || '').includes('--no-node-snapshot');

if (!needsFlag || hasFlag) {
  require(entry);
} else {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['--no-node-snapshot', ...process.execArgv, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
