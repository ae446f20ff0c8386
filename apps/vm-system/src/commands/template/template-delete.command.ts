import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'delete', arguments: '<templateId>', description: 'Delete a template (sessions made from it keep their snapshot)' })
export class TemplateDeleteCommand extends ClientCommand {
  protected async execute([templateId]: string[]): Promise<void> {
    const answer = await this.cli.client.deleteTemplate(templateId);
    this.cli.result(answer, () => `Deleted template: ${answer.template_id}`);
  }
}
