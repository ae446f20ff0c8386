import ivm from 'isolated-vm';
import type { CodeCacheUse, SessionLibrary } from '../runtime.types';

export interface CompiledLibrary {
  library: SessionLibrary;
  script: ivm.Script;
  cacheUse: CodeCacheUse;
  /** V8's code cache from this compile, when the library came without a usable one. */
  produced?: Uint8Array;
}

/**
 * Compiles a library bundle, with the code cache the daemon sent when it has one (lodash:
 * ~7 ms → ~0.5 ms here). Without one, or when V8 rejects it (another V8, other flags), the
 * compile produces a fresh cache for the daemon to hand to later hosts.
 */
export async function compileLibrary(isolate: ivm.Isolate, library: SessionLibrary): Promise<CompiledLibrary> {
  const cachedData = library.codeCache ? new ivm.ExternalCopy(arrayBufferOf(library.codeCache)) : undefined;
  // The typings leave out what compileScript sets on the script for these options.
  const script = (await isolate.compileScript(library.code, { filename: `libraries/${library.id}.js`, cachedData, produceCachedData: true })) as ivm.Script &
    ivm.CachedDataResult & { cachedDataRejected?: boolean };
  cachedData?.release();
  const cacheUse: CodeCacheUse = !library.codeCache ? 'produced' : script.cachedDataRejected ? 'rejected' : 'used';
  const produced = script.cachedData ? new Uint8Array(script.cachedData.copy()) : undefined;
  script.cachedData?.release();
  return { library, script, cacheUse, produced };
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
