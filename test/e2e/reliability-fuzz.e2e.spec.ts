import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeFuzz } from '../reliability/route-fuzz';

// The short form of the route fuzz of the reliability suite (10,000 requests in `npm run chaos`).
test('every route, fuzzed from its schemas with auth on: no 5xx, every answer as documented, the daemon alive, the ledger verifying', async () => {
  const figures = await routeFuzz('short');
  assert.deepEqual(figures.failures, [], `seed ${figures.seed}; smallest failing request: ${figures.counterexample}`);
  assert.equal(figures.requests, 300);
  assert.ok(figures.healthAfter, 'health answers after the run');
  assert.ok(figures.ledgerVerified, 'the ledger verifies after the run');
  console.log(JSON.stringify({ ...figures, byRoute: undefined }));
});
