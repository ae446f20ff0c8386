// The answer of POST /audit/sessions/{id}/replay is a wire type: its one definition is the contract's.
export type { ReplayReport, ReplayedExecution } from '@vm-system/contract';
