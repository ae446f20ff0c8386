import { ClusterNode } from '../api';
import { ErrorNote, Loading, Section, Status } from '../components/common';
import { fromNow, time } from '../format';
import { useInterval, useLoad } from '../hooks';

/** Leases are renewed every 2 s for 10 s: a refresh every 2 s shows a lost daemon as soon as the others do. */
const REFRESH_MS = 2_000;

/**
 * The daemons sharing this ledger (one on SQLite) with their leases. The API does not say
 * which of them answered, but a page opened at a node's advertised URL is served by it.
 */
export function Cluster() {
  const nodes = useLoad<ClusterNode[]>('/cluster/nodes');
  useInterval(nodes.reload, REFRESH_MS);
  const live = nodes.data?.filter((n) => n.status === 'live').length ?? 0;
  return (
    <Section
      title="Cluster"
      actions={
        <>
          {nodes.data && (
            <span class="muted" data-testid="node-counts">
              {live} live, {nodes.data.length - live} expired
            </span>
          )}
          <button onClick={nodes.reload}>Refresh</button>
        </>
      }
    >
      {nodes.error ? (
        <ErrorNote error={nodes.error} what="The cluster's nodes" />
      ) : !nodes.data ? (
        <Loading />
      ) : nodes.data.length === 0 ? (
        <p class="muted">No nodes.</p>
      ) : (
        <div class="scroll">
          <table data-testid="nodes">
            <thead>
              <tr>
                <th>node</th>
                <th>status</th>
                <th class="num" title="sessions starting or ready that it hosts">
                  live sessions
                </th>
                <th title="renewed every 2 s for 10 s, by the database's clock">lease expires</th>
                <th>advertised URL</th>
              </tr>
            </thead>
            <tbody>
              {nodes.data.map((n) => (
                <tr key={n.node_id} data-node={n.node_id}>
                  <td>
                    <span class="mono">{n.node_id}</span>
                    {n.advertise_url === location.origin && (
                      <span class="muted small nowrap" data-testid="this-node">
                        {' '}
                        (serving this page)
                      </span>
                    )}
                  </td>
                  <td>
                    <Status status={n.status} />
                  </td>
                  <td class="num" data-testid="live-sessions">
                    {n.live_sessions}
                  </td>
                  <td title={n.lease_expires_at} data-lease-expires={n.lease_expires_at}>
                    {time(n.lease_expires_at)} <span class="muted">({fromNow(n.lease_expires_at)})</span>
                  </td>
                  <td class="mono wrap">{n.advertise_url}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
