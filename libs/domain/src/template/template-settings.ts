export interface TemplateLimits {
  cpu_ms: number;
  wall_ms: number;
  mem_mb: number;
  max_events: number;
  max_output_kb: number;
}

export interface TemplateResolver {
  roots: string[];
  extensions: string[];
  allow_absolute_repo_imports: boolean;
}

export interface TemplateRuntimeFlags {
  esm: boolean;
  strict: boolean;
  console: boolean;
  /** Outside observations (clock, random, host calls) one execution may record for replay. */
  max_recorded_calls: number;
  /** The longest a restore may replay before it fails honestly. */
  max_replay_ms: number;
}

export interface TemplateSettings {
  limits: TemplateLimits;
  resolver: TemplateResolver;
  runtime: TemplateRuntimeFlags;
}

export type TemplateSettingsPatch = {
  limits?: Partial<TemplateLimits>;
  resolver?: Partial<TemplateResolver>;
  runtime?: Partial<TemplateRuntimeFlags>;
};

export const DEFAULT_TEMPLATE_SETTINGS: TemplateSettings = Object.freeze({
  limits: { cpu_ms: 5000, wall_ms: 30000, mem_mb: 128, max_events: 1000, max_output_kb: 512 },
  resolver: { roots: [], extensions: ['.js', '.mjs'], allow_absolute_repo_imports: false },
  runtime: { esm: false, strict: false, console: true, max_recorded_calls: 100_000, max_replay_ms: 60_000 },
});

export function mergeSettings(current: TemplateSettings, patch: TemplateSettingsPatch): TemplateSettings {
  return {
    limits: { ...current.limits, ...patch.limits },
    resolver: { ...current.resolver, ...patch.resolver },
    runtime: { ...current.runtime, ...patch.runtime },
  };
}

/** isolated-vm refuses a memoryLimit under 8 MB. */
export const MIN_MEM_MB = 8;

/**
 * Upper bounds of the output limits. A waited-for execution is answered with all its events
 * in one JSON text, and V8's strings end at ~512 MB: 1,000,000 events and 256 MB of payloads
 * stay well inside it (~430 MB with each event's own fields), where larger limits let an
 * execution record what no answer or page could carry (a 500 instead of the events).
 */
export const MAX_EVENTS_LIMIT = 1_000_000;
export const MAX_OUTPUT_KB_LIMIT = 256 * 1024;

/** Why a patch is not acceptable, or undefined when it is. */
export function settingsPatchProblem(patch: TemplateSettingsPatch): string | undefined {
  for (const [key, value] of Object.entries(patch.limits ?? {})) {
    if (!Number.isInteger(value) || (value as number) <= 0) return `limits.${key} must be a positive integer`;
  }
  for (const key of ['max_recorded_calls', 'max_replay_ms'] as const) {
    const value = patch.runtime?.[key];
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) return `runtime.${key} must be a positive integer`;
  }
  if ((patch.limits?.max_events ?? 0) > MAX_EVENTS_LIMIT) return `limits.max_events must be at most ${MAX_EVENTS_LIMIT}`;
  if ((patch.limits?.max_output_kb ?? 0) > MAX_OUTPUT_KB_LIMIT) return `limits.max_output_kb must be at most ${MAX_OUTPUT_KB_LIMIT}`;
  if (patch.limits?.mem_mb !== undefined && patch.limits.mem_mb < MIN_MEM_MB) {
    return `limits.mem_mb must be at least ${MIN_MEM_MB}`;
  }
  return undefined;
}
