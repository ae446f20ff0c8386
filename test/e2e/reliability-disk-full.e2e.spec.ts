import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diskFull } from '../reliability/disk-full';

// The short form of the disk-full part of the reliability suite (the long one runs in `npm run chaos`).
test("the database's disk full: writes refused with 503 LEDGER_UNAVAILABLE, reads served, nothing acknowledged lost, writes back by themselves", async () => {
  const figures = await diskFull('short');
  assert.ok(figures.writesOnFullDisk > 0 && figures.readsOnFullDisk > 0);
  console.log(JSON.stringify(figures));
});
