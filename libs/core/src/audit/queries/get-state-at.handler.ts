import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, SessionEvent, TemplateEvent, sessionDecider, sessionStreamId, templateDecider, templateStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { readWhole } from '../../shared/read-whole';
import { sessionStateView, templateStateView } from '../state-views';
import { GetStateAtQuery, PointInHistory, StateAt } from './get-state-at.query';

const STREAM_ID = /^(template|session)-[0-9a-f-]{36}$/;

const before = (at: PointInHistory) => (event: StoredEvent) => ('position' in at ? event.position <= at.position : event.recorded_at <= at.timestamp);

@QueryHandler(GetStateAtQuery)
export class GetStateAtHandler implements IQueryHandler<GetStateAtQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ id, at: asked }: GetStateAtQuery): Promise<StateAt> {
    const streamId = this.resolveStream(id);
    const at = asked ?? { position: this.store.headPosition() };
    const events = readWhole(
      (after) => this.store.readStream(streamId, after, 1000),
      (e) => e.seq,
    ).filter(before(at));
    const last = events[events.length - 1];
    const point = { stream_id: streamId, at, seq: last?.seq ?? 0, position: last?.position ?? 0, recorded_at: last?.recorded_at ?? null };
    if (streamId.startsWith('template-')) {
      const state = events.reduce((s, e) => templateDecider.evolve(s, e as unknown as TemplateEvent), templateDecider.initialState());
      return { ...point, kind: 'template', state: templateStateView(state) };
    }
    const state = events.reduce((s, e) => sessionDecider.evolve(s, e as unknown as SessionEvent), sessionDecider.initialState());
    return { ...point, kind: 'session', state: sessionStateView(state) };
  }

  /** A stream id as given, or a bare id: the template's stream if there is one, else the session's. */
  private resolveStream(id: string): string {
    if (STREAM_ID.test(id)) {
      if (this.store.streamVersion(id) > 0) return id;
    } else {
      const candidate = [templateStreamId(id), sessionStreamId(id)].find((stream) => this.store.streamVersion(stream) > 0);
      if (candidate) return candidate;
    }
    throw new DomainError('STREAM_NOT_FOUND', `No template or session stream for ${id}`, { id });
  }
}
