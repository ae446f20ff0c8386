import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TEMPLATE_SETTINGS, TemplateEvent, evolveTemplate, initialTemplateState, templateDecider } from '@vm-system/domain';
import { deciderSpec } from '../support/decider-spec';

const spec = deciderSpec(templateDecider);
const created: TemplateEvent = { type: 'TemplateCreated', data: { template_id: 't1', name: 'demo', engine: 'goja', settings: DEFAULT_TEMPLATE_SETTINGS } };

describe('template decider', () => {
  test('create on an empty stream', () => spec([]).when({ type: 'CreateTemplate', templateId: 't1', name: 'demo', engine: 'goja' }).then([created]));
  test('create twice fails', () => spec([created]).when({ type: 'CreateTemplate', templateId: 't1', name: 'x', engine: 'goja' }).thenFails('TEMPLATE_NAME_TAKEN'));
  test('unsupported engine', () => spec([]).when({ type: 'CreateTemplate', templateId: 't1', name: 'x', engine: 'quickjs' }).thenFails('ENGINE_NOT_SUPPORTED'));
  test('commands on a missing template', () => spec([]).when({ type: 'AddModule', name: 'fs' }).thenFails('TEMPLATE_NOT_FOUND'));
  test('commands on a deleted template', () =>
    spec([created, { type: 'TemplateDeleted', data: {} }])
      .when({ type: 'AddModule', name: 'fs' })
      .thenFails('TEMPLATE_NOT_FOUND'));

  test('modules are lower-cased and idempotent', () => {
    spec([created])
      .when({ type: 'AddModule', name: 'FS' })
      .then([{ type: 'ModuleAdded', data: { name: 'fs' } }]);
    spec([created, { type: 'ModuleAdded', data: { name: 'fs' } }])
      .when({ type: 'AddModule', name: 'fs' })
      .then([]);
    spec([created]).when({ type: 'RemoveModule', name: 'fs' }).then([]);
  });
  test('built-ins and unknown modules are refused', () => {
    spec([created]).when({ type: 'AddModule', name: 'Math' }).thenFails('MODULE_NOT_ALLOWED');
    spec([created]).when({ type: 'AddModule', name: 'net' }).thenFails('MODULE_NOT_ALLOWED');
  });
  test('libraries are stored as <id>-<version>', () => {
    spec([created])
      .when({ type: 'AddLibrary', name: 'Lodash' })
      .then([{ type: 'LibraryAdded', data: { name: 'lodash-4.17.21' } }]);
    spec([created, { type: 'LibraryAdded', data: { name: 'lodash-4.17.21' } }])
      .when({ type: 'RemoveLibrary', name: 'lodash' })
      .then([{ type: 'LibraryRemoved', data: { name: 'lodash-4.17.21' } }]);
    spec([created]).when({ type: 'AddLibrary', name: 'jquery' }).thenFails('LIBRARY_NOT_FOUND');
  });
  test('startup files: mode and path rules', () => {
    spec([created])
      .when({ type: 'AddStartupFile', startupFileId: 's1', path: 'a/b.js', orderIndex: 3, mode: 'eval' })
      .then([{ type: 'StartupFileAdded', data: { id: 's1', path: 'a/b.js', order_index: 3, mode: 'eval' } }]);
    spec([created]).when({ type: 'AddStartupFile', startupFileId: 's1', path: 'a.js', orderIndex: 0, mode: 'import' }).thenFails('STARTUP_MODE_UNSUPPORTED');
    for (const path of ['/etc/passwd', '../x.js', 'a/../../x.js', 'C:\\x.js']) {
      spec([created]).when({ type: 'AddStartupFile', startupFileId: 's1', path, orderIndex: 0, mode: 'eval' }).thenFails('INVALID_PATH');
    }
  });
  test('capabilities are unique by kind and name', () => {
    const cap = { id: 'c1', kind: 'env' as const, name: 'HOME', enabled: true, config: {} };
    spec([created])
      .when({ type: 'AddCapability', capabilityId: 'c1', kind: 'env', name: 'HOME', enabled: true, config: {} })
      .then([{ type: 'CapabilityAdded', data: cap }]);
    spec([created, { type: 'CapabilityAdded', data: cap }])
      .when({ type: 'AddCapability', capabilityId: 'c2', kind: 'env', name: 'HOME', enabled: false, config: {} })
      .thenFails('CAPABILITY_EXISTS');
    spec([created, { type: 'CapabilityAdded', data: cap }])
      .when({ type: 'AddCapability', capabilityId: 'c2', kind: 'fs', name: 'HOME', enabled: true, config: {} })
      .then([{ type: 'CapabilityAdded', data: { ...cap, id: 'c2', kind: 'fs' } }]);
  });
  test('settings patches are validated and merged by evolve', () => {
    spec([created])
      .when({ type: 'ChangeTemplateSettings', patch: { limits: { mem_mb: 4 } } })
      .thenFails('VALIDATION_ERROR');
    spec([created])
      .when({ type: 'ChangeTemplateSettings', patch: { limits: { max_events: 1_000_001 } } })
      .thenFails('VALIDATION_ERROR');
    spec([created])
      .when({ type: 'ChangeTemplateSettings', patch: { limits: { max_output_kb: 262_145 } } })
      .thenFails('VALIDATION_ERROR');
    spec([created])
      .when({ type: 'ChangeTemplateSettings', patch: { limits: { cpu_ms: 1.5 } } })
      .thenFails('VALIDATION_ERROR');
    const state = [created, { type: 'TemplateSettingsChanged', data: { limits: { cpu_ms: 100 } } } as TemplateEvent].reduce(evolveTemplate, initialTemplateState());
    assert.equal(state.status, 'active');
    if (state.status === 'active') assert.deepEqual(state.settings.limits, { ...DEFAULT_TEMPLATE_SETTINGS.limits, cpu_ms: 100 });
  });
});
