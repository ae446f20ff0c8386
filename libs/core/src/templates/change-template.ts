import { TemplateCommand, templateDecider, templateStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { CommandMeta } from '../shared/command-meta';
import { runDecider } from '../shared/decider-runner';
import { namingTheMissing } from '../shared/not-found';

export function changeTemplate(store: EventStore, templateId: string, command: TemplateCommand, meta: CommandMeta): StoredEvent[] {
  return namingTheMissing('TEMPLATE_NOT_FOUND', templateId, () => runDecider(store, templateStreamId(templateId), templateDecider, command, meta));
}
