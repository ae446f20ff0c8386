import { ForkedFrom, SessionStatus } from '@vm-system/domain';

export interface SessionView {
  id: string;
  template_id: string;
  workspace_id: string;
  base_commit_oid: string;
  worktree_path: string;
  status: SessionStatus;
  created_at: string;
  ready_at?: string;
  closed_at?: string;
  last_error?: string;
  /** How many times its state was rebuilt from the ledger on a fresh host. */
  restores: number;
  restored_at?: string;
  forked_from?: ForkedFrom;
}
