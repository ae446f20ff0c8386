import type { StateAt } from '@vm-system/contract';
import { SessionState, TemplateState } from '@vm-system/domain';

/** Aggregate states in the API's snake_case, as an auditor reads them. */
export function templateStateView(state: TemplateState): StateAt['state'] {
  if (state.status === 'absent') return { status: 'absent' };
  return {
    status: state.status,
    template_id: state.id,
    name: state.name,
    engine: state.engine,
    settings: state.settings,
    capabilities: state.capabilities,
    startup_files: [...state.startupFiles].sort((a, b) => a.order_index - b.order_index),
    modules: state.modules,
    libraries: state.libraries,
  };
}

export function sessionStateView(state: SessionState): StateAt['state'] {
  if (state.status === 'absent') return { status: 'absent' };
  return {
    status: state.status,
    session_id: state.id,
    worktree_path: state.worktreePath,
    template: state.template,
    running_execution_id: state.runningExecutionId ?? null,
  };
}
