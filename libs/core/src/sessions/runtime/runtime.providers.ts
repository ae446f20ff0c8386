import { Logger, Provider } from '@nestjs/common';
import { SessionSupervisor, type StartObserver } from '@vm-system/runtime';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS } from '../../database/tokens';

/** The retry hides a host's death from the session's caller; the log keeps it on record. */
function loggingStartObserver(logger: Logger): StartObserver {
  return {
    startRetried: (sessionId, error) => logger.warn({ msg: `session ${sessionId}: ${error.message}; starting it once more on another host`, session_id: sessionId }),
  };
}

/** The supervisor and its warm pool, bounded by `serve --warm-pool-max`. */
export const runtimeProviders: Provider[] = [
  {
    provide: SessionSupervisor,
    inject: [CORE_OPTIONS],
    useFactory: (options: CoreOptions) => new SessionSupervisor({ warmPoolMax: options.warmPoolMax, observer: loggingStartObserver(new Logger('Sessions')) }),
  },
];
