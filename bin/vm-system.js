#!/usr/bin/env -S node --no-node-snapshot
'use strict';
// isolated-vm on Node 20 wants --no-node-snapshot: the shebang passes it. Started another
// way (`node bin/vm-system.js …`), the launcher re-runs Node with the flag, so a user never
// has to; the re-run process dies with the launcher (see main.ts) so a kill reaches it.
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'vm-system', 'src', 'main.js');
const hasFlag = process.execArgv.includes('--no-node-snapshot') || (process.env.NODE_OPTIONS || '').includes('--no-node-snapshot');

if (hasFlag) {
  require(entry);
} else {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['--no-node-snapshot', ...process.execArgv, entry, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, VM_SYSTEM_LAUNCHED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
