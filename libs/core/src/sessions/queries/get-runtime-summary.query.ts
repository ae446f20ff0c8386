import { Query } from '@nestjs/cqrs';
import type { RuntimeSummary } from '@vm-system/contract';

/** What is alive in this daemon's memory: the wire's RuntimeSummary. */
export type RuntimeSummaryView = RuntimeSummary;

export class GetRuntimeSummaryQuery extends Query<RuntimeSummaryView> {}
