import { z } from 'zod';
import { named } from './registry';

export const ClusterNode = named(
  'ClusterNode',
  z.strictObject({
    node_id: z.string().meta({ description: "The daemon's --node-id" }),
    advertise_url: z.string().meta({ description: 'Where the other daemons reach it (--advertise-url)' }),
    lease_expires_at: z.string().meta({ description: 'Its lease, renewed every 2 s for 10 s (the database clock)' }),
    live_sessions: z.number().int().meta({ description: 'Sessions starting or ready that it hosts' }),
    status: z.enum(['live', 'expired']).meta({ description: 'expired: its lease ran out; its sessions were taken over' }),
  }),
);
export type ClusterNode = z.infer<typeof ClusterNode>;
