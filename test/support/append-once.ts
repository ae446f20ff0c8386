// A second process appending to the ledger file, in step with the test: it reads the stream's
// version, prints `ready VERSION`, waits for a line on stdin (the test's "go", sent once every
// racer is ready), appends one event expecting that version, and prints `appended` or the
// error code. So every racer decides on the same version before any of them writes.
import { createInterface } from 'node:readline';
import { EventStore, LEDGER_MIGRATIONS, openDatabase, sqliteExecutor } from '@vm-system/ledger';
import { PROJECTION_MIGRATIONS } from '@vm-system/projections';
import { INLINE_PROJECTORS } from '@vm-system/core';

async function main([file, streamId]: string[]): Promise<void> {
  const db = await openDatabase({ file, migrations: [...LEDGER_MIGRATIONS, ...PROJECTION_MIGRATIONS] });
  const store = new EventStore(sqliteExecutor(db.handle), INLINE_PROJECTORS);
  try {
    const expected = store.streamVersion(streamId);
    process.stdout.write(`ready ${expected}\n`);
    const lines = createInterface({ input: process.stdin });
    await new Promise<void>((resolve) => lines.once('line', () => resolve()));
    lines.close();
    try {
      store.append(streamId, expected, [{ type: 'ModuleAdded', data: { name: `pid-${process.pid}` } }]);
      process.stdout.write('appended\n');
    } catch (error) {
      process.stdout.write(`${(error as { code?: string }).code ?? (error as Error).message}\n`);
    }
  } finally {
    await db.dataSource.destroy();
  }
}

void main(process.argv.slice(2));
