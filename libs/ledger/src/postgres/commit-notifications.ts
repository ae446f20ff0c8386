import { Client } from 'pg';

/** How often the ledger is looked at without a notification (a lost one, or no listening connection). */
export const COMMIT_POLL_MS = 500;
const RECONNECT_MS = 1000;

export interface CommitNotifications {
  close(): Promise<void>;
}

/**
 * Calls `onCommit` when any daemon commits to the shared ledger: on each NOTIFY the
 * ledger's trigger sends at commit, and every COMMIT_POLL_MS whatever happened, so a
 * notification lost with a dropped connection delays a tail by half a second at most.
 */
export function listenForCommits(url: string, onCommit: () => void, onError: (error: Error) => void): CommitNotifications {
  let closed = false;
  let client: Client | undefined;
  let reconnect: NodeJS.Timeout | undefined;
  const poll = setInterval(onCommit, COMMIT_POLL_MS);
  poll.unref();

  const connect = async () => {
    if (closed) return;
    const fresh = new Client({ connectionString: url, application_name: 'vm-system commits' });
    let failed = false;
    const retry = (error: Error) => {
      if (failed) return;
      failed = true;
      if (client === fresh) client = undefined;
      fresh.removeAllListeners();
      fresh.end().catch(() => undefined);
      if (closed) return;
      onError(error);
      reconnect = setTimeout(() => void connect(), RECONNECT_MS);
      reconnect.unref();
    };
    fresh.on('error', retry);
    fresh.on('notification', () => onCommit());
    try {
      await fresh.connect();
      await fresh.query('LISTEN vm_system_ledger');
      client = fresh;
      if (closed) await fresh.end();
      // Whatever was committed while no connection listened.
      else onCommit();
    } catch (error) {
      retry(error as Error);
    }
  };
  void connect();

  return {
    close: async () => {
      closed = true;
      clearInterval(poll);
      clearTimeout(reconnect);
      await client?.end().catch(() => undefined);
    },
  };
}
