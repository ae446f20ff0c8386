import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { SessionLibrary, SessionSupervisor } from '@vm-system/runtime';
import { makeSpec, repl, valueOf } from './support/fixtures';

/** A UMD-like bundle: attaches its global when there is no module system, as the catalog's do. */
function library(id: string, factor: number): SessionLibrary {
  const code = `(function (root) { root.tiny = { scale: function (x) { return x * ${factor}; }, id: ${JSON.stringify(id)} }; })(this);\n`;
  return { id, global: 'tiny', code, sha256: createHash('sha256').update(code).digest('hex') };
}

describe('library code caches', () => {
  let supervisor: SessionSupervisor;

  before(() => {
    supervisor = new SessionSupervisor({ warmPoolMax: 1 });
  });

  after(() => supervisor.shutdown());

  async function startWith(lib: SessionLibrary) {
    const session = await supervisor.start({ ...makeSpec(), libraries: [lib] });
    const scaled = valueOf(await repl(session, 'tiny.scale(21)')).json;
    await session.close();
    return { use: session.libraryCodeCaches[lib.id], scaled };
  }

  test("the first host's compile makes the cache, later hosts compile with it", async () => {
    const lib = library('tiny-1.0.0', 2);
    assert.equal(supervisor.codeCaches.has(lib.id, lib.sha256!), false);
    assert.deepEqual(await startWith(lib), { use: 'produced', scaled: 42 });
    assert.equal(supervisor.codeCaches.has(lib.id, lib.sha256!), true);
    assert.deepEqual(await startWith(lib), { use: 'used', scaled: 42 });
  });

  test('other code under the same id never gets that cache', async () => {
    const first = library('tiny-2.0.0', 2);
    await startWith(first);
    const changed = library('tiny-2.0.0', 3);
    assert.deepEqual(await startWith(changed), { use: 'produced', scaled: 63 });
  });

  test('a cache V8 refuses is only slower: the library loads from source and the cache is replaced', async () => {
    const lib = library('tiny-3.0.0', 2);
    assert.deepEqual(await startWith({ ...lib, codeCache: new Uint8Array(randomBytes(256)) }), { use: 'rejected', scaled: 42 });
    assert.deepEqual(await startWith(lib), { use: 'used', scaled: 42 });
  });
});
