import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@vm-system/core';
import { HttpModule } from '@vm-system/http';
import { DaemonOptions } from './daemon-options';

@Module({})
export class DaemonModule {
  static forRoot(options: DaemonOptions): DynamicModule {
    return {
      module: DaemonModule,
      imports: [
        CoreModule.forRoot({
          db: options.db,
          nodeId: options.nodeId,
          advertiseUrl: options.advertiseUrl,
          libraryCacheDir: options.libraryCacheDir,
          durability: options.durability,
          worktreeRoots: options.worktreeRoots,
          suspendIdleAfterMs: options.suspendIdleAfterMs,
          warmPoolMax: options.warmPoolMax,
        }),
        HttpModule,
      ],
    };
  }
}
