// A second process appending to the ledger (a SQLite file or a PostgreSQL URL): prints `appended` or the error code.
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

async function main([location, streamId, expected]: string[]): Promise<void> {
  const { store, close } = await open(location);
  try {
    store.append(streamId, Number(expected), [{ type: 'ModuleAdded', data: { name: `pid-${process.pid}` } }]);
    process.stdout.write('appended\n');
  } catch (error) {
    process.stdout.write(`${(error as { code?: string }).code ?? (error as Error).message}\n`);
  } finally {
    await close();
  }
}

void main(process.argv.slice(2));
