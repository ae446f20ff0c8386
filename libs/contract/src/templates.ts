import { CAPABILITY_KINDS, CapabilityKind as DomainCapabilityKind, MAX_EVENTS_LIMIT, MAX_OUTPUT_KB_LIMIT, MIN_MEM_MB } from '@vm-system/domain';
import { z } from 'zod';
import { JsonObject, Text, Timestamp, Uuid } from './primitives';
import { named } from './registry';
import { Same, same } from './same-type';

const positive = z.int().min(1);

const Limits = z.strictObject({
  cpu_ms: positive,
  wall_ms: positive,
  mem_mb: z.int().min(MIN_MEM_MB),
  max_events: positive.max(MAX_EVENTS_LIMIT),
  max_output_kb: positive.max(MAX_OUTPUT_KB_LIMIT),
});

const Resolver = z.strictObject({
  roots: z.array(z.string()),
  extensions: z.array(z.string()),
  allow_absolute_repo_imports: z.boolean(),
});

const Runtime = z.strictObject({
  esm: z.boolean(),
  strict: z.boolean(),
  console: z.boolean(),
  /** Outside observations (clock, random, host calls) one execution may record for replay. */
  max_recorded_calls: positive,
  /** The longest a restore may replay before it fails honestly. */
  max_replay_ms: positive,
});

export const TemplateSettings = named('TemplateSettings', z.strictObject({ limits: Limits, resolver: Resolver, runtime: Runtime }));
export type TemplateSettings = z.infer<typeof TemplateSettings>;

/** `PATCH /templates/{id}/settings`: any subset of each group. */
export const SettingsPatch = named(
  'SettingsPatch',
  z.strictObject({ limits: Limits.partial().nullish(), resolver: Resolver.partial().nullish(), runtime: Runtime.partial().nullish() }),
);
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const Template = named(
  'Template',
  z.strictObject({
    id: Uuid,
    name: z.string(),
    engine: z.string(),
    is_active: z.boolean(),
    exposed_modules: z.array(z.string()),
    libraries: z.array(z.string()),
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
);
export type Template = z.infer<typeof Template>;

export const CapabilityKind = z.enum(CAPABILITY_KINDS);
same<Same<z.infer<typeof CapabilityKind>, DomainCapabilityKind>>();

const capabilityFields = { id: Uuid, kind: CapabilityKind, name: z.string(), enabled: z.boolean(), config: JsonObject };
const startupFileFields = { id: Uuid, path: z.string(), order_index: z.int(), mode: z.string() };

export const Capability = named('Capability', z.strictObject({ ...capabilityFields, template_id: Uuid }));
export type Capability = z.infer<typeof Capability>;

export const StartupFile = named('StartupFile', z.strictObject({ ...startupFileFields, template_id: Uuid }));
export type StartupFile = z.infer<typeof StartupFile>;

export const TemplateDetail = named(
  'TemplateDetail',
  z.strictObject({ template: Template, settings: TemplateSettings, capabilities: z.array(Capability), startup_files: z.array(StartupFile) }),
);
export type TemplateDetail = z.infer<typeof TemplateDetail>;

/** The template's whole configuration as a session took it when it started. */
export const TemplateSnapshot = named(
  'TemplateSnapshot',
  z.strictObject({
    template_id: Uuid,
    name: z.string(),
    engine: z.string(),
    settings: TemplateSettings,
    capabilities: z.array(z.strictObject(capabilityFields)),
    startup_files: z.array(z.strictObject(startupFileFields)),
    modules: z.array(z.string()),
    libraries: z.array(z.string()),
  }),
);
export type TemplateSnapshot = z.infer<typeof TemplateSnapshot>;

// Request bodies: an optional field may be absent or null (null stands for absent).

export const CreateTemplateBody = named(
  'CreateTemplateBody',
  z.strictObject({ name: Text, engine: z.string().nullish().meta({ description: '`goja` (the default) or `isolated-vm`: the same engine.' }) }),
);
export type CreateTemplateBody = z.input<typeof CreateTemplateBody>;

export const AddCapabilityBody = named(
  'AddCapabilityBody',
  z.strictObject({
    kind: CapabilityKind,
    name: Text,
    enabled: z.boolean().nullish().meta({ description: 'Default true.' }),
    config: JsonObject.nullish().meta({ description: 'Default {}.' }),
  }),
);
export type AddCapabilityBody = z.input<typeof AddCapabilityBody>;

export const AddStartupFileBody = named(
  'AddStartupFileBody',
  z.strictObject({
    path: Text.meta({ description: 'Relative to the future worktree.' }),
    order_index: z.int().min(0).nullish().meta({ description: 'Default 0.' }),
    mode: z.string().nullish().meta({ description: 'Default and only supported value: `eval`.' }),
  }),
);
export type AddStartupFileBody = z.input<typeof AddStartupFileBody>;

/** A module or library to add: a catalog name. */
export const NameBody = named('NameBody', z.strictObject({ name: Text }));
export type NameBody = z.infer<typeof NameBody>;

export const TemplateDeleted = named('TemplateDeleted', z.strictObject({ status: z.literal('ok'), template_id: Uuid }));
export type TemplateDeleted = z.infer<typeof TemplateDeleted>;

/** A module or library on a template, by its stored name (lower case; libraries as `name-version`). */
export const TemplateModuleOrLibrary = named('TemplateModuleOrLibrary', z.strictObject({ template_id: Uuid, name: z.string() }));
export type TemplateModuleOrLibrary = z.infer<typeof TemplateModuleOrLibrary>;

export const TemplateModuleOrLibraryRemoved = named('TemplateModuleOrLibraryRemoved', z.strictObject({ status: z.literal('ok'), template_id: Uuid, name: z.string() }));
export type TemplateModuleOrLibraryRemoved = z.infer<typeof TemplateModuleOrLibraryRemoved>;
