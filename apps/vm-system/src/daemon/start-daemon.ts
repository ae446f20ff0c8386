import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ClusterMembership, EnsureAdminTokenCommand } from '@vm-system/core';
import { configureHttp } from '@vm-system/http';
import { AddressInfo } from 'node:net';
export { isPostgresUrl, redactPostgresUrl } from '@vm-system/ledger';
import { NestPinoLogger, createDaemonLogger } from './logging/daemon-logger';
import { serveDashboard } from './dashboard-assets';
import { DaemonModule } from './daemon.module';
import { DaemonOptions, nodeIdOf } from './daemon-options';

export interface RunningDaemon {
  app: INestApplication;
  url: string;
  /** This daemon's name among those sharing a ledger. */
  nodeId: string;
  /** The admin token made at this first start with auth on: printed once, never stored. */
  mintedAdminToken?: string;
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const logger = createDaemonLogger(options.logLevel, options.logFormat);
  for (const warning of options.warnings) logger.warn({ context: 'Serve' }, warning);
  const app = await NestFactory.create(DaemonModule.forRoot(options), {
    httpsOptions: options.tls,
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  configureHttp(app, options.guard, options.host);
  serveDashboard(app);
  // After init (the CQRS handlers are registered then) and before the first request:
  // what a previous process left live is closed first, so no read model lies.
  await app.init();
  const commands = app.get(CommandBus);
  const membership = app.get(ClusterMembership);
  const nodeId = nodeIdOf(options, options.port);
  membership.start(nodeId);
  // Minted before the port opens: with auth on, somebody must be able to get in.
  const { minted } = options.guard.auth === 'token' ? await commands.execute(new EnsureAdminTokenCommand(options.adminToken)) : {};
  await app.listen(options.port, options.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `${options.guard.scheme}://${host}:${port}`;
  membership.join(options.advertiseUrl ?? url);
  return { app, url, nodeId, mintedAdminToken: minted };
}
