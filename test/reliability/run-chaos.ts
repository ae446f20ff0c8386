// `npm run chaos [-- --short] [-- name …]`: the chaos checks against real daemons (long forms by
// default), one after the other. Add a check to CHECKS to have `npm run chaos` run it.
import { runChaos } from './chaos';
import { ReliabilityCheck, runChecks } from './run-checks';

const CHECKS: ReliabilityCheck[] = [{ name: 'chaos', run: (scale, progress) => runChaos(scale, progress) }];

runChecks(CHECKS, process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
