import { TemplateSnapshot } from '@vm-system/domain';
import { readCachedLibrary } from '@vm-system/libraries';
import { SessionLibrary } from '@vm-system/runtime';

/** Each library of the snapshot from the cache, hash-checked: a missing or changed file throws. */
export function readSessionLibraries(cacheDir: string, template: TemplateSnapshot): SessionLibrary[] {
  return template.libraries.map((name) => {
    const { library, code, sha256 } = readCachedLibrary(cacheDir, name);
    return { id: library.id, global: library.global, bundleGlobal: library.bundleGlobal, code, sha256 };
  });
}
