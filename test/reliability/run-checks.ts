import { cpus, loadavg, totalmem } from 'node:os';
import { CheckReport, printProgress, Progress, Scale, scaleFromArgs } from './scale';

export interface ReliabilityCheck {
  name: string;
  run(scale: Scale, progress: Progress): Promise<CheckReport>;
}

/**
 * Runs the named checks (all of them without names) one after the other, prints each one's
 * figures and failures, and exits 1 if any failed. `--short` runs the short forms (those
 * `npm test` runs).
 */
export async function runChecks(checks: readonly ReliabilityCheck[], args: readonly string[]): Promise<void> {
  const scale = scaleFromArgs(args);
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !checks.some((c) => c.name === n));
  if (unknown.length > 0) throw new Error(`unknown check ${unknown.join(', ')}; known: ${checks.map((c) => c.name).join(', ')}`);
  const selected = names.length === 0 ? checks : checks.filter((c) => names.includes(c.name));
  let failed = 0;
  for (const check of selected) {
    printProgress(`\n## ${check.name} (${scale})\n`);
    const load = loadavg()[0].toFixed(2);
    const report = await check.run(scale, printProgress);
    printProgress('');
    printProgress(
      `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load} at the start, ${loadavg()[0].toFixed(2)} at the end`,
    );
    for (const line of report.lines) printProgress(`- ${line}`);
    if (report.failures.length === 0) printProgress(`\n${check.name}: passed`);
    else {
      failed += 1;
      printProgress(`\n${check.name}: FAILED`);
      for (const failure of report.failures) printProgress(`  ✗ ${failure}`);
    }
  }
  printProgress(`\n${selected.length - failed} of ${selected.length} checks passed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
