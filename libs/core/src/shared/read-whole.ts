/** Every item of a cursor-paged read, following the cursor until a page comes back empty. */
export function readWhole<T>(readPage: (after: number) => T[], cursorOf: (item: T) => number): T[] {
  const all: T[] = [];
  for (let page = readPage(0); page.length > 0; page = readPage(cursorOf(all[all.length - 1]))) all.push(...page);
  return all;
}
