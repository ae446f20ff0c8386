// `npm run soak [-- --short]`: the soak check against a real daemon (long form by default).
import { runChecks } from './run-checks';
import { runSoak } from './soak';

runChecks([{ name: 'soak', run: runSoak }], process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
