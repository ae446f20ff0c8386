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
import { DomainError } from '@vm-system/domain';
import { ImportReport, LedgerFilter, LedgerHead, StoredEvent, VerifyReport } from '@vm-system/ledger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followParam } from '../streaming/follow-param';
import { NDJSON, saveBody, streamNdjson } from '../streaming/ndjson';
import { resumeCursor, streamServerSentEvents } from '../streaming/server-sent-events';
import { cursorParam, limitParam } from '../validation/params';

// A source stream is named by the sha256 of the text it records, every other stream by a uuid.
const STREAM_ID = /^((template|session|execution|token)-[0-9a-f-]{36}|source-[0-9a-f]{64})$/i;
const STREAM_KINDS = ['template', 'session', 'execution', 'token', 'source'];
const EVENT_TYPE = /^[A-Za-z_]{1,64}$/;

function streamIdParam(streamId: string): string {
  if (!STREAM_ID.test(streamId)) {
    throw new DomainError('VALIDATION_ERROR', 'stream_id must be template-<uuid>, session-<uuid>, execution-<uuid>, token-<uuid> or source-<sha256>', { field: 'stream_id' });
  }
  return streamId.toLowerCase();
}

function filterParams(streamId?: string, streamKind?: string, type?: string): LedgerFilter {
  if (streamKind && !STREAM_KINDS.includes(streamKind)) {
    throw new DomainError('VALIDATION_ERROR', `stream_kind must be one of ${STREAM_KINDS.join(', ')}`, { field: 'stream_kind' });
  }
  if (type && !EVENT_TYPE.test(type)) throw new DomainError('VALIDATION_ERROR', 'type must be an event type name', { field: 'type' });
  return { streamId: streamId ? streamIdParam(streamId) : undefined, streamKind: streamKind || undefined, type: type || undefined };
}

/** Raw ledger reads, paged by cursor (position or seq), never by offset; tails, export, import, verify. */
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('events')
  async events(
    @Req() req: Request,
    @Res() res: Response,
    @Query('after_position') afterPosition?: string,
    @Query('limit') limit?: string,
    @Query('stream_id') streamId?: string,
    @Query('stream_kind') streamKind?: string,
    @Query('type') type?: string,
    @Query('follow') follow?: string,
  ): Promise<void> {
    const after = cursorParam(afterPosition, 'after_position');
    const filter = filterParams(streamId, streamKind, type);
    if (!followParam(follow)) {
      res.json(await this.queries.execute(new ReadLedgerEventsQuery(after, limitParam(limit, 100), filter)));
      return;
    }
    const abort = new AbortController();
    const events = await this.queries.execute(new FollowLedgerEventsQuery(resumeCursor(req, after), filter, abort.signal));
    await streamServerSentEvents(res, asMessages(events), abort);
  }

  @Get('streams/:streamId')
  stream(@Param('streamId') streamId: string, @Query('after_seq') afterSeq?: string, @Query('limit') limit?: string): Promise<StoredEvent[]> {
    return this.queries.execute(new ReadLedgerStreamQuery(streamIdParam(streamId), cursorParam(afterSeq, 'after_seq'), limitParam(limit, 100)));
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
  async export(@Res() res: Response, @Query('after_position') afterPosition?: string): Promise<void> {
    const lines = await this.queries.execute(new ExportLedgerQuery(cursorParam(afterPosition, 'after_position')));
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
