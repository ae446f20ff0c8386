import { SubCommand } from 'nest-commander';
import { SessionStory } from '@vm-system/client';
import { ClientCommand } from '../../cli/client-command';
import { describeEvent } from '../exec/follow-execution';

type TemplateSnapshot = {
  settings: { limits: Record<string, number> };
  modules: string[];
  libraries: string[];
  capabilities: { kind: string; name: string }[];
  startup_files: { path: string }[];
};

const listed = (items: string[]) => (items.length ? items.join(', ') : '(none)');

function describeSnapshot(t: TemplateSnapshot): string[] {
  return [
    `  limits: ${Object.entries(t.settings.limits)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `  modules: ${listed(t.modules)}; libraries: ${listed(t.libraries)}; capabilities: ${listed(t.capabilities.map((c) => `${c.kind}:${c.name}`))}`,
    `  startup files: ${listed(t.startup_files.map((f) => f.path))}`,
  ];
}

const actorOf = (metadata: Record<string, unknown>) => String(metadata.actor ?? '-');

/** The story in order: where the session came from, each execution with its events, how it ended. */
function tellStory(story: SessionStory): string {
  const { session, template } = story;
  const executions = new Map(story.executions.map((e) => [e.id, e]));
  const lines = [
    `Session ${session.id} (${session.status})`,
    `Template: ${template.name} (${template.template_id}) as it was at the start:`,
    ...describeSnapshot(template as unknown as TemplateSnapshot),
    `Worktree: ${session.worktree_path}`,
    '',
  ];
  for (const event of story.events) {
    const data = event.data as { execution_id?: string; reason?: string; error?: string };
    lines.push(`${event.recorded_at}  #${event.position}  ${event.type}  by ${actorOf(event.metadata)}`);
    if (event.type === 'ExecutionStarted') {
      for (const executionEvent of executions.get(data.execution_id!)?.events ?? []) lines.push(`    ${describeEvent(executionEvent)}`);
    } else if (event.type === 'ExecutionFinished') {
      const execution = executions.get(data.execution_id!);
      lines.push(`    ${execution?.kind} ${data.execution_id}: ${execution?.status}`);
    } else if (data.reason !== undefined || data.error !== undefined) {
      lines.push(`    ${data.reason ?? data.error}`);
    }
  }
  return lines.join('\n');
}

@SubCommand({ name: 'session', arguments: '<sessionId>', description: "A session's whole story: template snapshot, startup, every execution with its events, its end" })
export class AuditSessionCommand extends ClientCommand {
  protected async execute([sessionId]: string[]): Promise<void> {
    const story = await this.cli.client.sessionStory(sessionId);
    this.cli.result(story, () => tellStory(story));
  }
}
