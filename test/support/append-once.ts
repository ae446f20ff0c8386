// A second process appending to the ledger (a SQLite file or a PostgreSQL URL), in step with
// the test: it reads the stream's version, prints `ready VERSION`, waits for a line on stdin
// (the test's "go", sent once every racer is ready), appends one event expecting that
// version, and prints `appended` or the error code. So every racer decides on the same
// version before any of them writes.
import { createInterface } from 'node:readline';
import { EventStore, LEDGER_MIGRATIONS, POSTGRES_LEDGER_MIGRATIONS, isPostgresUrl, openDatabase, openPostgresDatabase, sqliteExecutor } from '@vm-system/ledger';
import { POSTGRES_PROJECTION_MIGRATIONS, PROJECTION_MIGRATIONS } from '@vm-system/projections';
import { INLINE_PROJECTORS } from '@vm-system/core';

async function open(location: string): Promise<{ store: EventStore; close(): Promise<void> }> {
  if (isPostgresUrl(location)) {
    const db = await openPostgresDatabase({ url: location, migrations: [...POSTGRES_LEDGER_MIGRATIONS, ...POSTGRES_PROJECTION_MIGRATIONS] });
    return { store: new EventStore(db.sql, INLINE_PROJECTORS), close: () => db.sql.close() };
  }
  const db = await openDatabase({ file: location, migrations: [...LEDGER_MIGRATIONS, ...PROJECTION_MIGRATIONS] });
  return { store: new EventStore(sqliteExecutor(db.handle), INLINE_PROJECTORS), close: () => db.dataSource.destroy() };
}

async function main([location, streamId]: string[]): Promise<void> {
  const { store, close } = await open(location);
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
    await close();
  }
}

void main(process.argv.slice(2));
