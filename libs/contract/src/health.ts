import { z } from 'zod';
import { named } from './registry';

export const Health = named('Health', z.strictObject({ status: z.literal('ok') }));
export type Health = z.infer<typeof Health>;
