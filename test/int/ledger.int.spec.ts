import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { ConcurrencyError, InlineProjector, iterateAll, rebuildInShadow, rebuildInTransaction, rebuildProjections, verifyLedger, EventStore } from '@vm-system/ledger';
import { LEDGER_ENGINES, openEngineLedger, SqliteTestLedger, TestLedger } from '../support/ledger';

const created = (id: string, name: string) => ({
  type: 'TemplateCreated',
  data: { template_id: id, name, engine: 'goja', settings: { limits: {}, resolver: {}, runtime: {} } },
});

for (const engine of LEDGER_ENGINES)
  describe(`ledger contract on ${engine}`, () => {
    let ledger: TestLedger;
    before(async () => {
      ledger = await openEngineLedger(engine);
    });
    after(() => ledger.close());

    test('append assigns contiguous seqs and gapless positions, reads page by cursor', () => {
      const { store } = ledger;
      const first = store.append('template-a', 0, [created('a', 'alpha')], { request_id: 'r1' });
      const more = store.append('template-a', 1, [
        { type: 'ModuleAdded', data: { name: 'fs' } },
        { type: 'ModuleAdded', data: { name: 'exec' } },
      ]);
      assert.deepEqual(
        [...first, ...more].map((e) => e.seq),
        [1, 2, 3],
      );
      assert.deepEqual(
        more.map((e) => e.position),
        [first[0].position + 1, first[0].position + 2],
      );
      assert.equal(first[0].metadata.request_id, 'r1');
      assert.deepEqual(
        store.readStream('template-a', 1, 1).map((e) => e.seq),
        [2],
      );
      assert.deepEqual(
        store.readAll(first[0].position, 10).map((e) => e.seq),
        [2, 3],
      );
      assert.equal(store.streamVersion('template-a'), 3);
      assert.equal(store.streamVersion('template-none'), 0);
    });

    test('an empty batch writes nothing', () => {
      const head = ledger.store.headPosition();
      assert.deepEqual(ledger.store.append('template-empty', 0, []), []);
      assert.equal(ledger.store.headPosition(), head);
    });

    test('a stale expected seq fails with a concurrency error and writes nothing', () => {
      const { store } = ledger;
      store.append('template-b', 0, [created('b', 'beta')]);
      const head = store.headPosition();
      assert.throws(
        () => store.append('template-b', 0, [created('b', 'beta-again')]),
        (e: ConcurrencyError) => e.code === 'CONCURRENCY_CONFLICT',
      );
      assert.equal(store.headPosition(), head);
    });

    test('concurrent appends with the same expected seq: exactly one wins, seq stays contiguous', async () => {
      const { store } = ledger;
      store.append('template-c', 0, [created('c', 'gamma')]);
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => Promise.resolve().then(() => store.append('template-c', 1, [{ type: 'ModuleAdded', data: { name: `m${i}` } }]))),
      );
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      assert.ok(attempts.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason instanceof ConcurrencyError));
      assert.deepEqual(
        store.readStream('template-c').map((e) => e.seq),
        [1, 2],
      );
    });

    test('three processes appending to one stream of the same ledger: one wins, the others get the conflict', async () => {
      const { store, location } = ledger;
      store.append('template-d', 0, [created('d', 'delta')]);
      const racer = () =>
        new Promise<string>((resolve, reject) => {
          const child = fork(__filename.replace(/ledger\.int\.spec\.js$/, '../support/append-once.js'), [location, 'template-d', '1'], { stdio: 'pipe' });
          let out = '';
          child.stdout!.on('data', (c) => (out += c));
          child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`racer exited ${code}`))));
        });
      const outcomes = (await Promise.all([racer(), racer(), racer()])).sort();
      assert.deepEqual(outcomes, ['CONCURRENCY_CONFLICT', 'CONCURRENCY_CONFLICT', 'appended']);
      assert.deepEqual(
        store.readStream('template-d').map((e) => e.seq),
        [1, 2],
      );
    });

    test('a projector that throws rolls the whole append back', () => {
      const failing: InlineProjector = {
        name: 'failing',
        apply: (_, event) => {
          if (event.type === 'Explode') throw new Error('projector failed');
        },
        reset: () => undefined,
        snapshot: () => [],
      };
      const store = new EventStore(ledger.sql, [...ledger.store.projectors, failing]);
      const head = store.headPosition();
      assert.throws(() => store.append('template-e', 0, [created('e', 'epsilon'), { type: 'Explode', data: {} }]), /projector failed/);
      assert.equal(store.headPosition(), head);
      assert.equal(store.streamVersion('template-e'), 0);
      assert.equal(ledger.store.sql.get('SELECT 1 AS found FROM proj_templates WHERE id = ?', 'e'), undefined, 'the projection row rolled back too');
    });

    test('a unique template name is enforced inside the append transaction', () => {
      const { store } = ledger;
      store.append('template-f', 0, [created('f', 'same-name')]);
      assert.throws(
        () => store.append('template-g', 0, [created('g', 'same-name')]),
        (e: Error & { code?: string }) => e.code === 'TEMPLATE_NAME_TAKEN',
      );
      assert.equal(store.streamVersion('template-g'), 0);
    });

    test('committed events reach the feed in commit order', () => {
      const seen: number[] = [];
      const subscription = ledger.store.feed$.subscribe((e) => seen.push(e.position));
      const stored = ledger.store.append('template-h', 0, [created('h', 'eta'), { type: 'ModuleAdded', data: { name: 'fs' } }]);
      subscription.unsubscribe();
      assert.deepEqual(
        seen,
        stored.map((e) => e.position),
      );
    });

    test('a rebuild from position 0 gives rows identical to the live ones', () => {
      const { store } = ledger;
      store.append('template-i', 0, [created('i', 'iota'), { type: 'CapabilityAdded', data: { id: 'cap-1', kind: 'env', name: 'HOME', enabled: true, config: {} } }]);
      store.append('template-i', 2, [
        { type: 'StartupFileAdded', data: { id: 'sf-1', path: 'a.js', order_index: 0, mode: 'eval' } },
        { type: 'LibraryAdded', data: { name: 'lodash-4.17.21' } },
      ]);
      store.append('template-b', 1, [{ type: 'TemplateDeleted', data: {} }]);
      const live = store.projectors.map((p) => p.snapshot(store.sql));
      const checkpointsBefore = store.checkpoints();
      const report = rebuildProjections(store.sql, store.projectors);
      assert.equal(report.events, [...iterateAll(store.sql)].length);
      assert.deepEqual(
        store.projectors.map((p) => p.snapshot(store.sql)),
        live,
      );
      assert.deepEqual(store.checkpoints(), checkpointsBefore);
    });

    test("the daemon's rebuild for this engine compares every read model with its rebuilt rows and finds them equal", async () => {
      const { store } = ledger;
      const report =
        ledger.engine === 'postgres'
          ? rebuildInTransaction(store.sql, store.projectors)
          : await rebuildInShadow((ledger as SqliteTestLedger).db.handle, store.projectors, `${ledger.location}.rebuild`);
      assert.equal(report.position, store.headPosition());
      assert.deepEqual(
        report.projections.map((p) => [p.name, p.equal, p.differences]),
        store.projectors.map((p) => [p.name, true, 0]),
      );
    });

    test('positions are gapless from 1 across every writer that appended, and the hash chain verifies', () => {
      const positions = ledger.store.readAll(0, 100_000).map((e) => e.position);
      assert.deepEqual(
        positions,
        Array.from({ length: positions.length }, (_, i) => i + 1),
      );
      const report = verifyLedger(ledger.sql);
      assert.equal(report.ok, true);
      assert.equal(report.count, positions.length);
    });
  });
