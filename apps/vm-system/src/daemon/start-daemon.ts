import { INestApplication, LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { RecoverSessionsCommand } from '@vm-system/core';
import { configureHttp } from '@vm-system/http';
import { AddressInfo } from 'node:net';
import { LogLevel } from '../cli/global-options';
import { serveDashboard } from './dashboard-assets';
import { DaemonModule } from './daemon.module';
import { DaemonOptions } from './daemon-options';

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  // Nest logs every mapped route at `log`; a daemon at info says only what matters.
  info: ['fatal', 'error', 'warn'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

export interface RunningDaemon {
  app: INestApplication;
  url: string;
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const app = await NestFactory.create(DaemonModule.forRoot(options), { logger: NEST_LEVELS[options.logLevel], bodyParser: false });
  configureHttp(app);
  serveDashboard(app);
  // After init (the CQRS handlers are registered then) and before the first request:
  // what a previous process left live is closed first, so no read model lies.
  await app.init();
  await app.get(CommandBus).execute(new RecoverSessionsCommand());
  await app.listen(options.port, options.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://${options.host}:${port}` };
}
