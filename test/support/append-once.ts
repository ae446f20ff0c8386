// A second process appending to the ledger file: prints `appended` or the error code.
import { EventStore, LEDGER_MIGRATIONS, openDatabase, sqliteExecutor } from '@vm-system/ledger';
import { PROJECTION_MIGRATIONS } from '@vm-system/projections';
import { INLINE_PROJECTORS } from '@vm-system/core';

async function main([file, streamId, expected]: string[]): Promise<void> {
  const db = await openDatabase({ file, migrations: [...LEDGER_MIGRATIONS, ...PROJECTION_MIGRATIONS] });
  const store = new EventStore(sqliteExecutor(db.handle), INLINE_PROJECTORS);
  try {
    store.append(streamId, Number(expected), [{ type: 'ModuleAdded', data: { name: `pid-${process.pid}` } }]);
    process.stdout.write('appended\n');
  } catch (error) {
    process.stdout.write(`${(error as { code?: string }).code ?? (error as Error).message}\n`);
  } finally {
    await db.dataSource.destroy();
  }
}

void main(process.argv.slice(2));
