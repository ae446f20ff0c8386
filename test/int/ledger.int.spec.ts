import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { ConcurrencyError, InlineProjector, iterateAll, rebuildInShadow, rebuildInTransaction, rebuildProjections, verifyLedger, EventStore } from '@vm-system/ledger';
import { templateDecider } from '@vm-system/domain';
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

    test('racers that all read version 1, then append at once on the same ledger: exactly one wins, the rest conflict, the chain verifies', async () => {
      const { store, location } = ledger;
      store.append('template-d', 0, [created('d', 'delta')]);
      const racers = Array.from({ length: 3 }, () => startRacer(location, 'template-d'));
      try {
        // Handshake: each racer has read the version it will expect before any is told to write.
        assert.deepEqual(await Promise.all(racers.map((r) => r.nextLine())), ['ready 1', 'ready 1', 'ready 1']);
        for (const racer of racers) racer.go();
        const outcomes = (await Promise.all(racers.map((r) => r.nextLine()))).sort();
        assert.deepEqual(outcomes, ['CONCURRENCY_CONFLICT', 'CONCURRENCY_CONFLICT', 'appended']);
        assert.deepEqual(await Promise.all(racers.map((r) => r.exited)), [0, 0, 0]);
      } finally {
        for (const racer of racers) racer.kill();
      }
      const stream = store.readStream('template-d');
      assert.deepEqual(
        stream.map((e) => [e.seq, e.type]),
        [
          [1, 'TemplateCreated'],
          [2, 'ModuleAdded'],
        ],
      );
      const report = verifyLedger(store.sql);
      assert.deepEqual([report.ok, report.ok && report.head_position], [true, store.headPosition()], JSON.stringify(report));
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

    test('a held append counts for deciding, is invisible to readers, and commits first with the next append to its stream', () => {
      const { store } = ledger;
      store.append('template-held', 0, [created('held', 'held')]);
      const head = store.headPosition();
      const held = store.defer([{ streamId: 'template-held', expectedSeq: 1, events: [{ type: 'ModuleAdded', data: { name: 'fs' } }] }], { causation: 'Held' });
      const { state } = store.aggregate('template-held', templateDecider);
      assert.deepEqual(state.status === 'active' ? state.modules : state.status, ['fs']);
      assert.equal(store.aggregate('template-held', templateDecider).seq, 2, 'the held event counts for the next decision');
      assert.equal(store.streamVersion('template-held'), 1, 'not in the ledger');
      assert.equal(store.headPosition(), head);
      const other = store.append('template-other', 0, [created('other', 'other')]);
      assert.equal(held.held, true, 'an append to another stream leaves it held');
      const stored = store.append('template-held', 2, [{ type: 'ModuleAdded', data: { name: 'exec' } }], { causation: 'Later' });
      assert.deepEqual(
        stored.map((e) => [e.seq, e.metadata.causation]),
        [[3, 'Later']],
        'the caller gets its own events',
      );
      const rows = store.readStream('template-held', 1);
      assert.deepEqual(
        rows.map((e) => [e.seq, e.type, e.metadata.causation, e.recorded_at === rows[0].recorded_at]),
        [
          [2, 'ModuleAdded', 'Held', true],
          [3, 'ModuleAdded', 'Later', true],
        ],
        'committed first, with its own metadata, in the same append',
      );
      assert.equal(rows[0].position, other[0].position + 1);
      assert.equal(held.held, false);
      assert.deepEqual(held.commit(), [], 'nothing left to commit');
      assert.equal(verifyLedger(ledger.sql).ok, true);
    });

    test('a held append commits alone, stays held when its commit fails, and a discarded one never lands', () => {
      const { store } = ledger;
      store.append('template-alone', 0, [created('alone', 'alone')]);
      const alone = store.defer([{ streamId: 'template-alone', expectedSeq: 1, events: [{ type: 'ModuleAdded', data: { name: 'fs' } }] }], {});
      assert.deepEqual(
        alone.commit().map((e) => e.seq),
        [2],
      );
      const stale = store.defer([{ streamId: 'template-alone', expectedSeq: 1, events: [{ type: 'ModuleAdded', data: { name: 'exec' } }] }], {});
      assert.throws(() => stale.commit(), ConcurrencyError);
      assert.equal(stale.held, true, 'a failed commit leaves it held');
      assert.throws(
        () => store.append('template-alone', 3, [{ type: 'ModuleAdded', data: { name: 'net' } }]),
        ConcurrencyError,
        'and it goes first, failing, with the next append to its stream',
      );
      assert.equal(stale.held, true);
      stale.discard();
      assert.equal(stale.held, false);
      assert.deepEqual(
        store.append('template-alone', 2, [{ type: 'ModuleAdded', data: { name: 'net' } }]).map((e) => e.seq),
        [3],
      );
      assert.equal(store.aggregate('template-alone', templateDecider).seq, 3);
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

function startRacer(location: string, streamId: string) {
  const child = fork(__filename.replace(/ledger\.int\.spec\.js$/, '../support/append-once.js'), [location, streamId], { stdio: ['pipe', 'pipe', 'inherit', 'ipc'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    nextLine: async (): Promise<string> => {
      const next = await lines.next();
      if (next.done) throw new Error(`racer ${child.pid} ended without a line (exit ${await exited})`);
      return next.value;
    },
    go: () => child.stdin!.write('go\n'),
    exited,
    kill: () => child.exitCode === null && child.kill('SIGKILL'),
  };
}
