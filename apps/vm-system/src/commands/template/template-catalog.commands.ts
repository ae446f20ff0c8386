import { Injectable } from '@nestjs/common';
import { CommandRunner, SubCommand } from 'nest-commander';
import { LIBRARY_CATALOG, MODULE_CATALOG } from '@vm-system/domain';
import { CliContext } from '../../cli/cli-context';

/** The catalogs are static data: these work without a running daemon. */
@Injectable()
abstract class OfflineCommand extends CommandRunner {
  constructor(protected readonly cli: CliContext) {
    super();
  }
}

@SubCommand({ name: 'list-available-modules', description: 'Host modules a template can enable (no daemon needed)' })
export class TemplateListAvailableModulesCommand extends OfflineCommand {
  async run(): Promise<void> {
    this.cli.list([...MODULE_CATALOG], 'No modules found', ['NAME', 'FUNCTIONS', 'DESCRIPTION'], (m) => [m.name, m.functions.join(', '), m.description]);
  }
}

@SubCommand({ name: 'list-available-libraries', description: 'Libraries in the built-in catalog (no daemon needed)' })
export class TemplateListAvailableLibrariesCommand extends OfflineCommand {
  async run(): Promise<void> {
    const libraries = LIBRARY_CATALOG.map(({ id, name, version, global, description }) => ({ id, name, version, global, description }));
    this.cli.list(libraries, 'No libraries found', ['ID', 'NAME', 'VERSION', 'GLOBAL', 'DESCRIPTION'], (l) => [l.id, l.name, l.version, l.global, l.description]);
  }
}
