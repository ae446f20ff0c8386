import { DomainError, TemplateSnapshot, templateDecider, templateStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';

/** The template as its own stream says it is now, frozen into the session that starts from it. */
export function snapshotTemplate(store: EventStore, templateId: string): TemplateSnapshot {
  const { state } = store.aggregate(templateStreamId(templateId), templateDecider);
  if (state.status !== 'active') throw new DomainError('TEMPLATE_NOT_FOUND', `Template not found: ${templateId}`, { template_id: templateId });
  const startupFiles = [...state.startupFiles].sort((a, b) => a.order_index - b.order_index);
  return {
    template_id: state.id,
    name: state.name,
    engine: state.engine,
    settings: state.settings,
    capabilities: state.capabilities,
    startup_files: startupFiles,
    modules: state.modules,
    libraries: state.libraries,
  };
}
