import { Command } from '@nestjs/cqrs';
import { TemplateSettingsPatch } from '@vm-system/domain';
import { CommandMeta } from '../../shared/command-meta';

export class ChangeTemplateSettingsCommand extends Command<void> {
  constructor(
    readonly templateId: string,
    readonly patch: TemplateSettingsPatch,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
