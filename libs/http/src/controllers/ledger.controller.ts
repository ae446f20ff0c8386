import { RequiredScope } from '../security/required-scope.decorator';
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ExportLedgerQuery,
  FollowLedgerEventsQuery,
  GetLedgerHeadQuery,
  ImportLedgerCommand,
  ReadLedgerEventsQuery,
  ReadLedgerStreamQuery,
  VerifyLedgerQuery,
} from '@vm-system/core';
import { ImportReport, LedgerHead, VerifyReport, routes } from '@vm-system/contract';
import { DomainError } from '@vm-system/domain';
import { LedgerFilter, StoredEvent } from '@vm-system/ledger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NDJSON, saveBody, streamNdjson } from '../streaming/ndjson';
import { resumeCursor, streamServerSentEvents } from '../streaming/server-sent-events';
import { parseQuery, pathParam } from '../validation/parse-request';

/** Raw ledger reads, paged by cursor (position or seq), never by offset; tails, export, import, verify. */
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('events')
  async events(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const { after_position, limit, follow, stream_id, stream_kind, type } = parseQuery(routes.ledgerEvents, query);
    const filter: LedgerFilter = { streamId: stream_id, streamKind: stream_kind, type };
    if (!follow) {
      res.json(await this.queries.execute(new ReadLedgerEventsQuery(after_position, limit, filter)));
      return;
    }
    const abort = new AbortController();
    const events = await this.queries.execute(new FollowLedgerEventsQuery(resumeCursor(req, after_position), filter, abort.signal));
    await streamServerSentEvents(res, asMessages(events), abort);
  }

  @Get('streams/:streamId')
  stream(@Param('streamId') streamId: string, @Query() query: Record<string, unknown>): Promise<StoredEvent[]> {
    const id = pathParam(routes.ledgerStream, 'stream_id', streamId);
    const { after_seq, limit } = parseQuery(routes.ledgerStream, query);
    return this.queries.execute(new ReadLedgerStreamQuery(id, after_seq, limit));
  }

  @Get('head')
  head(): Promise<LedgerHead> {
    return this.queries.execute(new GetLedgerHeadQuery());
  }

  @Get('verify')
  verify(): Promise<VerifyReport> {
    return this.queries.execute(new VerifyLedgerQuery());
  }

  @Get('export')
  async export(@Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const lines = await this.queries.execute(new ExportLedgerQuery(parseQuery(routes.exportLedger, query).after_position));
    await streamNdjson(res, lines);
  }

  @Post('import')
  @RequiredScope('admin')
  async import(@Req() req: Request): Promise<ImportReport> {
    if (!req.is(NDJSON)) throw new DomainError('INVALID_REQUEST', `An import is sent as ${NDJSON} (the output of audit export)`);
    const file = join(tmpdir(), `vm-system-import-${randomUUID()}.ndjson`);
    try {
      await saveBody(req, file);
      return await this.commands.execute(new ImportLedgerCommand(file));
    } finally {
      await rm(file, { force: true });
    }
  }
}

async function* asMessages(events: AsyncIterable<StoredEvent>) {
  for await (const event of events) yield { id: event.position, data: event };
}
