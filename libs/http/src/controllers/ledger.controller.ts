import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ReadLedgerEventsQuery, ReadLedgerStreamQuery } from '@vm-system/core';
import { DomainError } from '@vm-system/domain';
import { StoredEvent } from '@vm-system/ledger';
import { cursorParam, limitParam } from '../validation/params';

const STREAM_ID = /^(template|session|execution)-[0-9a-f-]{36}$/i;

/** Raw ledger reads, paged by cursor (position or seq), never by offset. */
@Controller('ledger')
export class LedgerController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  events(@Query('after_position') afterPosition?: string, @Query('limit') limit?: string): Promise<StoredEvent[]> {
    return this.queries.execute(new ReadLedgerEventsQuery(cursorParam(afterPosition, 'after_position'), limitParam(limit, 100)));
  }

  @Get('streams/:streamId')
  stream(@Param('streamId') streamId: string, @Query('after_seq') afterSeq?: string, @Query('limit') limit?: string): Promise<StoredEvent[]> {
    if (!STREAM_ID.test(streamId)) {
      throw new DomainError('VALIDATION_ERROR', 'stream_id must be template-<uuid>, session-<uuid> or execution-<uuid>', { field: 'stream_id' });
    }
    return this.queries.execute(new ReadLedgerStreamQuery(streamId, cursorParam(afterSeq, 'after_seq'), limitParam(limit, 100)));
  }
}
