import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LIBRARY_CATALOG } from '@vm-system/domain';
import { assertTable } from '../support/assertions';
import { CliResult, runCli } from '../support/cli';
import { LocalRegistry, startLocalRegistry } from '../support/local-registry';
import { REPO_ROOT, tempDir } from '../support/paths';

const IDS = LIBRARY_CATALOG.map((l) => l.id);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** The bundle as it is in the project's node_modules: what the cache must end up holding. */
const sourceBundle = (name: string) => {
  const library = LIBRARY_CATALOG.find((l) => l.name === name)!;
  return readFileSync(join(REPO_ROOT, 'node_modules', library.name, library.bundle));
};
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const progressLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('['));
/** Exactly the bundles named plus the manifest: in particular no temp file is left. */
const assertDirHolds = (dir: string, ids: string[]) => assert.deepEqual(readdirSync(dir).sort(), [...ids.map((id) => `${id}.js`), 'manifest.json'].sort());

describe('libs through the CLI, against a registry on 127.0.0.1', () => {
  let registry: LocalRegistry;
  let bad: LocalRegistry;
  before(async () => {
    registry = await startLocalRegistry();
    bad = await startLocalRegistry({ tamper: ['moment'] });
  });
  after(async () => {
    await registry.close();
    await bad.close();
  });

  const download = (dir: string, ...extra: string[]): Promise<CliResult> => runCli(['libs', 'download', '--cache-dir', dir, '--registry', registry.url, ...extra]);

  describe('one cache directory, downloaded then reused', () => {
    const dir = join(tempDir(), 'cache');

    test('download fetches all six, shows progress per library, writes each bundle with its sha256', async () => {
      const result = await download(dir);
      assert.equal(result.code, 0, result.stderr);
      const lines = progressLines(result.stderr);
      assert.equal(lines.length, 6, result.stderr);
      IDS.forEach((id, i) => assert.match(lines[i], new RegExp(`^\\[${i + 1}/6\\] ${id} \\.\\.\\. downloaded \\(\\d+ (B|KB|MB)\\)$`)));
      assert.equal(result.stdout, `Downloaded 6, cached 0, failed 0 (cache: ${dir}, registry: ${registry.url})\n`);
      assertDirHolds(dir, IDS);
      const manifest = manifestOf(dir);
      assert.deepEqual(Object.keys(manifest), IDS);
      for (const library of LIBRARY_CATALOG) {
        const entry = manifest[library.id];
        const code = readFileSync(join(dir, `${library.id}.js`));
        assert.deepEqual(code, sourceBundle(library.name), `${library.id} is the package's ${library.bundle}`);
        assert.deepEqual(entry, { file: `${library.id}.js`, sha256: sha256(code), integrity: registry.integrity(library.name), size: code.length, fetched_at: entry.fetched_at });
        assert.match(entry.fetched_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
      assert.deepEqual(registry.tarballRequests().length, 6);
    });

    test('a second run skips every library without asking the registry', async () => {
      const before = registry.requests.length;
      const inodes = IDS.map((id) => statSync(join(dir, `${id}.js`)).ino);
      const result = await download(dir);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(
        progressLines(result.stderr),
        IDS.map((id, i) => `[${i + 1}/6] ${id} ... cached`),
      );
      assert.match(result.stdout, /^Downloaded 0, cached 6, failed 0 /);
      assert.equal(registry.requests.length, before, 'no request at all');
      assert.deepEqual(
        IDS.map((id) => statSync(join(dir, `${id}.js`)).ino),
        inodes,
        'files untouched',
      );
    });

    test('a tampered cached file shows as corrupt and is replaced by a rename, the others kept', async () => {
      const file = join(dir, 'lodash-4.17.21.js');
      writeFileSync(file, 'globalThis._ = { evil: true };');
      const inode = statSync(file).ino;
      const listed = await runCli(['libs', 'list', '--cache-dir', dir]);
      assert.match(listed.stdout, /^lodash-4\.17\.21 .* corrupt$/m);

      const tarballs = registry.tarballRequests().length;
      const result = await download(dir);
      assert.equal(result.code, 0, result.stderr);
      const lines = progressLines(result.stderr);
      assert.match(lines[0], /^\[1\/6\] lodash-4\.17\.21 \.\.\. downloaded \(/);
      assert.deepEqual(
        lines.slice(1),
        IDS.slice(1).map((id, i) => `[${i + 2}/6] ${id} ... cached`),
      );
      assert.equal(registry.tarballRequests().length, tarballs + 1);
      assert.deepEqual(readFileSync(file), sourceBundle('lodash'));
      assert.equal(manifestOf(dir)['lodash-4.17.21'].sha256, sha256(readFileSync(file)));
      // Written elsewhere then renamed over the old file: a new inode, and no temp file left.
      assert.notEqual(statSync(file).ino, inode);
      assertDirHolds(dir, IDS);
    });

    test('--output json prints the report on stdout; progress stays on stderr', async () => {
      const result = await download(dir, '--output', 'json');
      assert.equal(result.code, 0, result.stderr);
      assert.equal(progressLines(result.stderr).length, 6);
      const report = JSON.parse(result.stdout);
      const manifest = manifestOf(dir);
      assert.deepEqual(report, {
        cache_dir: dir,
        registry: registry.url,
        registry_source: 'option',
        downloaded: 0,
        skipped: 6,
        failed: 0,
        libraries: IDS.map((id) => ({ id, status: 'skipped', size: manifest[id].size, sha256: manifest[id].sha256, integrity: manifest[id].integrity })),
      });
    });

    test('libs list shows the catalog with each library cached; --output json too', async () => {
      const result = await runCli(['libs', 'list', '--cache-dir', dir]);
      assert.equal(result.code, 0, result.stderr);
      assertTable(
        result.stdout,
        ['ID', 'NAME', 'VERSION', 'GLOBAL', 'STATUS'],
        LIBRARY_CATALOG.map((l) => [l.id, l.name, l.version, l.global, 'cached']),
      );
      const json = await runCli(['libs', 'list', '--cache-dir', dir, '--output', 'json']);
      assert.deepEqual(
        JSON.parse(json.stdout),
        LIBRARY_CATALOG.map(({ id, name, version, global, bundle }) => ({ id, name, version, global, bundle, status: 'cached' })),
      );
    });

    test('libs cache-info reports the directory, files, size and manifest entries', async () => {
      const total = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
      const result = await runCli(['libs', 'cache-info', '--cache-dir', dir]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        new RegExp(`^Cache dir: +${dir}\nFiles: +7\nTotal size: +[\\d.]+ (KB|MB) \\(${total} bytes\\)\nManifest entries: +6\nCached: +6 of 6 catalog libraries\n$`),
      );
      const info = JSON.parse((await runCli(['libs', 'cache-info', '--cache-dir', dir, '--output', 'json'])).stdout);
      const manifest = manifestOf(dir);
      assert.deepEqual(info, {
        dir,
        exists: true,
        files: 7,
        total_bytes: total,
        manifest_entries: 6,
        libraries: IDS.map((id) => ({ id, status: 'cached', size: manifest[id].size, sha256: manifest[id].sha256, fetched_at: manifest[id].fetched_at })),
      });
    });
  });

  test('a tarball that does not match the registry integrity fails that library: no file, no entry, exit 1', async () => {
    const dir = join(tempDir(), 'cache');
    const result = await runCli(['libs', 'download', '--cache-dir', dir, '--registry', bad.url]);
    assert.equal(result.code, 1);
    const lines = progressLines(result.stderr);
    assert.match(lines[1], /^\[2\/6\] moment-2\.29\.4 \.\.\. FAILED: integrity check failed: the tarball does not match the registry's dist\.integrity \(.*sha512/);
    assert.match(result.stderr, /^Error: 1 of 6 libraries failed: moment-2\.29\.4$/m);
    assert.match(result.stdout, /^Downloaded 5, cached 0, failed 1 /);
    const others = IDS.filter((id) => id !== 'moment-2.29.4');
    assertDirHolds(dir, others);
    assert.deepEqual(Object.keys(manifestOf(dir)), others);

    // A stale, changed moment in the cache goes too: the failed library is plainly not cached.
    writeFileSync(join(dir, 'moment-2.29.4.js'), 'stale');
    const good = await download(dir);
    assert.equal(good.code, 0, good.stderr);
    writeFileSync(join(dir, 'moment-2.29.4.js'), 'changed');
    const again = await runCli(['libs', 'download', '--cache-dir', dir, '--registry', bad.url, '--output', 'json']);
    assert.equal(again.code, 1);
    const report = JSON.parse(again.stdout);
    assert.deepEqual([report.downloaded, report.skipped, report.failed], [0, 5, 1]);
    assert.match(report.libraries[1].error, /^integrity check failed/);
    assertDirHolds(dir, others);
    assert.equal(manifestOf(dir)['moment-2.29.4'], undefined);
  });

  test('without flags: the cache is .vm-cache/libraries under the working directory, the registry is npm config', async () => {
    const cwd = tempDir();
    // npm reads the project .npmrc of its working directory; an exported npm_config_registry
    // (npm test sets one) would win over it, so the child must not inherit it.
    writeFileSync(join(cwd, '.npmrc'), `registry=${registry.url}\n`);
    const saved = Object.entries(process.env).filter(([k]) => k.toLowerCase() === 'npm_config_registry');
    for (const [k] of saved) delete process.env[k];
    try {
      const tarballs = registry.tarballRequests().length;
      const result = await runCli(['libs', 'download', '--output', 'json'], { cwd });
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.deepEqual([report.cache_dir, report.registry, report.registry_source, report.downloaded], [join(cwd, '.vm-cache', 'libraries'), registry.url, 'npm config', 6]);
      assert.equal(registry.tarballRequests().length, tarballs + 6);
      assertDirHolds(join(cwd, '.vm-cache', 'libraries'), IDS);
      const info = await runCli(['libs', 'cache-info', '--output', 'json'], { cwd });
      assert.equal(info.code, 0, info.stderr);
      assert.equal(JSON.parse(info.stdout).manifest_entries, 6);
    } finally {
      for (const [k, v] of saved) process.env[k] = v;
    }
  });

  test('an empty cache: list says not cached, cache-info says it does not exist; a bad --registry is refused', async () => {
    const dir = join(tempDir(), 'none');
    const list = await runCli(['libs', 'list', '--cache-dir', dir]);
    assertTable(
      list.stdout,
      ['ID', 'NAME', 'VERSION', 'GLOBAL', 'STATUS'],
      LIBRARY_CATALOG.map((l) => [l.id, l.name, l.version, l.global, 'not cached']),
    );
    const info = await runCli(['libs', 'cache-info', '--cache-dir', dir]);
    assert.match(info.stdout, new RegExp(`^Cache dir: +${dir} \\(does not exist\\)\nFiles: +0\n`));
    const refused = await runCli(['libs', 'download', '--cache-dir', dir, '--registry', 'ftp://nowhere']);
    assert.deepEqual([refused.code, refused.stderr], [2, 'Error: VALIDATION_ERROR: --registry must be an http(s) URL: ftp://nowhere\n']);
  });
});
