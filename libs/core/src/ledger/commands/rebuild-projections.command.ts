import { Command } from '@nestjs/cqrs';
import { RebuildProgress, ShadowRebuildReport } from '@vm-system/ledger';

export class RebuildProjectionsCommand extends Command<ShadowRebuildReport> {
  constructor(readonly onProgress?: (progress: RebuildProgress) => void) {
    super();
  }
}
