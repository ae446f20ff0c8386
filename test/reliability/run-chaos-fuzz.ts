import { diskFull } from './disk-full';
import { RouteFuzzFigures, routeFuzz } from './route-fuzz';

/**
 * The long forms of the route fuzz and the disk-full test (the `npm run chaos` part of
 * these two): runs them, prints their figures as JSON and as the tables of
 * docs/reliability.md, and exits non-zero when a property broke.
 * Usage: node --no-node-snapshot dist/test/reliability/run-chaos-fuzz.js [short|long] [fuzz|disk-full]...
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const scale = args.includes('short') ? 'short' : 'long';
  const only: string[] = args.filter((arg) => arg === 'fuzz' || arg === 'disk-full');
  const runs = (name: string) => only.length === 0 || only.includes(name);
  let failed = false;
  if (runs('fuzz')) {
    const figures = await routeFuzz(scale);
    console.log(JSON.stringify({ routeFuzz: figures }, null, 2));
    console.log(fuzzTables(figures));
    failed ||= figures.failures.length > 0 || !figures.healthAfter || !figures.ledgerVerified;
  }
  if (runs('disk-full')) {
    // Throws when a property breaks: the assertion names it.
    console.log(JSON.stringify({ diskFull: await diskFull(scale) }, null, 2));
  }
  return failed ? 1 : 0;
}

function fuzzTables(figures: RouteFuzzFigures): string {
  const statuses = Object.keys(figures.byStatus).map(Number);
  const lines = [
    `seed ${figures.seed}, ${figures.requests} requests in ${figures.seconds.toFixed(1)} s, ${figures.failures.length} failures, health after: ${figures.healthAfter}, ledger verified: ${figures.ledgerVerified} (${figures.ledgerEvents} events)`,
    '',
    `| route | requests | ${statuses.join(' | ')} |`,
    `| --- | ---: | ${statuses.map(() => '---:').join(' | ')} |`,
    ...Object.entries(figures.byRoute)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, counts]) => `| ${route} | ${Object.values(counts).reduce((a, b) => a + b, 0)} | ${statuses.map((s) => counts[s] ?? '').join(' | ')} |`),
    `| **all** | ${figures.requests} | ${statuses.map((s) => figures.byStatus[s]).join(' | ')} |`,
    '',
    '| request | count |',
    '| --- | ---: |',
    ...Object.entries(figures.byKind)
      .sort(([, a], [, b]) => b - a)
      .map(([kind, count]) => `| ${kind} | ${count} |`),
  ];
  return lines.join('\n');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
