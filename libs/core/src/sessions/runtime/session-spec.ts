import { DEFAULT_TEMPLATE_SETTINGS, RecordedCalls, TemplateSnapshot } from '@vm-system/domain';
import { SessionLibrary, SessionSpec } from '@vm-system/runtime';

/** A template snapshot's runtime settings, with the defaults for snapshots taken before a setting existed. */
export function runtimeSettings(template: TemplateSnapshot) {
  return { ...DEFAULT_TEMPLATE_SETTINGS.runtime, ...template.settings.runtime };
}

/** What a host needs to run a session of this snapshot; `libraryCalls` when it is restored. */
export function sessionSpec(sessionId: string, worktreePath: string, template: TemplateSnapshot, libraries: SessionLibrary[], libraryCalls?: RecordedCalls): SessionSpec {
  const runtime = runtimeSettings(template);
  return {
    sessionId,
    worktreePath,
    limits: template.settings.limits,
    modules: template.modules,
    capabilities: template.capabilities,
    libraries,
    runtime: { console: runtime.console, strict: runtime.strict },
    maxRecordedCalls: runtime.max_recorded_calls,
    ...(libraryCalls ? { libraryCalls } : {}),
  };
}
