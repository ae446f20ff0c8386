import { Provider } from '@nestjs/common';
import { SessionSupervisor } from '@vm-system/runtime';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS } from '../../database/tokens';

/** The supervisor and its warm pool, bounded by `serve --warm-pool-max`. */
export const runtimeProviders: Provider[] = [
  { provide: SessionSupervisor, inject: [CORE_OPTIONS], useFactory: (options: CoreOptions) => new SessionSupervisor({ warmPoolMax: options.warmPoolMax }) },
];
