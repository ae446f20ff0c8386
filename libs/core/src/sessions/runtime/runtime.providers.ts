import { Provider } from '@nestjs/common';
import { SessionSupervisor } from '@vm-system/runtime';

/** Pre-forked session hosts kept warm: a session create then skips the ~160 ms fork. */
export const WARM_HOSTS = 2;

export const runtimeProviders: Provider[] = [{ provide: SessionSupervisor, useFactory: () => new SessionSupervisor({ poolSize: WARM_HOSTS }) }];
