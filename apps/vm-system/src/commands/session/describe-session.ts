import { Session } from '@vm-system/client';

export function describeSession(session: Session): string {
  const lines = [
    `Status: ${session.status}`,
    `Template ID: ${session.template_id}`,
    `Workspace ID: ${session.workspace_id}`,
    `Base Commit: ${session.base_commit_oid}`,
    `Worktree Path: ${session.worktree_path}`,
    `Created At: ${session.created_at}`,
  ];
  if (session.ready_at) lines.push(`Ready At: ${session.ready_at}`);
  if (session.closed_at) lines.push(`Closed At: ${session.closed_at}`);
  if (session.last_error) lines.push(`Last Error: ${session.last_error}`);
  // Most sessions were never restored: their output stays as it always was.
  if (session.restores > 0) lines.push(`Restores: ${session.restores}`);
  if (session.restored_at) lines.push(`Restored At: ${session.restored_at}`);
  if (session.forked_from) lines.push(`Forked From: ${forkPoint(session.forked_from)}`);
  return lines.join('\n');
}

const forkPoint = ({ session_id, execution_id }: NonNullable<Session['forked_from']>) => (execution_id ? `${session_id} (at execution ${execution_id})` : session_id);
