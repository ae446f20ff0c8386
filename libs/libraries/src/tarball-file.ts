import { createRequire } from 'node:module';

interface TarEntry extends NodeJS.EventEmitter {
  path: string;
  type: string;
}

interface TarParser extends NodeJS.EventEmitter {
  end(data: Buffer): void;
}

interface NodeTar {
  Parser: new (options: { filter: (path: string, entry: TarEntry) => boolean; onReadEntry: (entry: TarEntry) => void }) => TarParser;
}

/**
 * node-tar, the copy pacote itself unpacks packages with: resolved from pacote so it is always
 * the version pacote declares (this project does not depend on tar directly).
 */
const loadTar = (): NodeTar => createRequire(require.resolve('pacote'))('tar') as NodeTar;

/**
 * One regular file of a package tarball, by its path inside the package, read in memory: the
 * bundle is all we keep, so nothing else is written to disk. The first path component is the
 * package root (`package/` for npm, other names in some old tarballs); npm strips it too.
 */
export function fileFromTarball(tgz: Buffer, path: string): Promise<Buffer | undefined> {
  const { Parser } = loadTar();
  return new Promise((resolve, reject) => {
    let found: Buffer | undefined;
    const parser = new Parser({
      filter: (entryPath, entry) => /File$/.test(entry.type) && entryPath.split('/').slice(1).join('/') === path,
      onReadEntry: (entry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => (found = Buffer.concat(chunks)));
      },
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(found));
    parser.end(tgz);
  });
}
