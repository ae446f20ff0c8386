import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DomainError, LIBRARY_CATALOG } from '@vm-system/domain';
import { LibraryDownloadProgress, LibraryNotCachedError, downloadLibraries, readCachedLibrary, resolveRegistry, sha256Hex, writeFileAtomic } from '@vm-system/libraries';
import { LocalRegistry, startLocalRegistry } from '../support/local-registry';
import { REPO_ROOT, tempDir } from '../support/paths';

const lodashSource = () => readFileSync(join(REPO_ROOT, 'node_modules', 'lodash', 'lodash.min.js'), 'utf8');

/** Asserts that `body` throws LibraryNotCachedError whose message tells how to fix it. */
function assertNotCached(body: () => unknown, dir: string, reason: RegExp): void {
  assert.throws(body, (error: unknown) => {
    assert.ok(error instanceof LibraryNotCachedError && error instanceof DomainError);
    assert.equal(error.code, 'LIBRARY_NOT_CACHED');
    assert.match(error.reason, reason);
    assert.ok(error.message.endsWith(`; run: vm-system libs download --cache-dir ${dir}`), error.message);
    return true;
  });
}

describe('library cache', () => {
  let registry: LocalRegistry;
  const dir = join(tempDir(), 'cache');
  const progress: string[] = [];
  before(async () => {
    registry = await startLocalRegistry();
    const report = await downloadLibraries({
      cacheDir: dir,
      registry: registry.url,
      libraries: LIBRARY_CATALOG.filter((l) => l.name === 'lodash' || l.name === 'dayjs'),
      onProgress: (p: LibraryDownloadProgress) => progress.push(`${p.phase} ${p.index}/${p.total} ${p.library.id}${p.result ? ` ${p.result.status}` : ''}`),
    });
    assert.equal(report.downloaded, 2);
  });
  after(() => registry.close());

  test('downloadLibraries reports start and done for each library in order', () => {
    assert.deepEqual(progress, ['start 1/2 lodash-4.17.21', 'done 1/2 lodash-4.17.21 downloaded', 'start 2/2 dayjs-1.11.10', 'done 2/2 dayjs-1.11.10 downloaded']);
  });

  test('readCachedLibrary answers the verified bundle by id or name', () => {
    const lodash = readCachedLibrary(dir, 'lodash-4.17.21');
    assert.equal(lodash.code, lodashSource());
    assert.equal(lodash.sha256, sha256Hex(lodashSource()));
    assert.equal(lodash.library.global, '_');
    assert.deepEqual(readCachedLibrary(dir, 'LoDash'), lodash);
  });

  test('a library never downloaded, or a missing directory, is LIBRARY_NOT_CACHED', () => {
    assertNotCached(() => readCachedLibrary(dir, 'moment'), dir, /^no manifest entry$/);
    const nowhere = join(tempDir(), 'nowhere');
    assertNotCached(() => readCachedLibrary(nowhere, 'lodash'), nowhere, /^no manifest entry$/);
  });

  test('outside the catalog is LIBRARY_NOT_FOUND', () => {
    assert.throws(
      () => readCachedLibrary(dir, 'left-pad'),
      (e: unknown) => e instanceof DomainError && e.code === 'LIBRARY_NOT_FOUND',
    );
  });

  test('a changed, deleted or redirected file is refused', () => {
    const copy = join(tempDir(), 'copy');
    mkdirSync(copy);
    for (const f of readdirSync(dir)) writeFileSync(join(copy, f), readFileSync(join(dir, f)));
    writeFileSync(join(copy, 'lodash-4.17.21.js'), `${lodashSource()};globalThis.pwned=1`);
    assertNotCached(() => readCachedLibrary(copy, 'lodash'), copy, /does not match its sha256/);

    writeFileSync(join(copy, 'dayjs-1.11.10.js'), '');
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    manifest['dayjs-1.11.10'].file = '../../etc/passwd';
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    assertNotCached(() => readCachedLibrary(copy, 'dayjs'), copy, /manifest names file/);

    writeFileSync(join(copy, 'manifest.json'), '{not json');
    assertNotCached(() => readCachedLibrary(copy, 'lodash'), copy, /^no manifest entry$/);
  });

  test('writeFileAtomic replaces the file whole and leaves no temp file, even when the rename fails', () => {
    const target = join(tempDir(), 'target');
    writeFileAtomic(target, 'one');
    writeFileAtomic(target, 'two');
    assert.equal(readFileSync(target, 'utf8'), 'two');
    const onto = join(tempDir(), 'a-directory');
    mkdirSync(join(onto, 'sub'), { recursive: true });
    writeFileSync(join(onto, 'sub', 'keep'), 'x');
    assert.throws(() => writeFileAtomic(join(onto, 'sub'), 'data'));
    assert.deepEqual(readdirSync(onto), ['sub']);
  });

  test('resolveRegistry: the option, else npm_config_registry, else what npm config answers in that directory', () => {
    assert.deepEqual(resolveRegistry('http://127.0.0.1:1'), { registry: 'http://127.0.0.1:1/', source: 'option' });
    assert.deepEqual(resolveRegistry(undefined, { npm_config_registry: 'http://127.0.0.1:2/' }), { registry: 'http://127.0.0.1:2/', source: 'env' });
    const project = tempDir();
    writeFileSync(join(project, '.npmrc'), 'registry=http://127.0.0.1:3/\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_registry'));
    assert.deepEqual(resolveRegistry(undefined, env, project), { registry: 'http://127.0.0.1:3/', source: 'npm config' });
  });
});
