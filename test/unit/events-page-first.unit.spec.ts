import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { plainEventsPage } from '@vm-system/http';

const ID = '0b6f5c1e-0000-4000-8000-00000000abcd';
const path = `/api/v1/executions/${ID}/events`;

describe('which requests the events-page hot route answers itself', () => {
  test('plain, valid pages: the route defaults and the given cursor and limit', () => {
    assert.deepEqual(plainEventsPage(path), { executionId: ID, afterSeq: 0, limit: 1000 });
    assert.deepEqual(plainEventsPage(`${path}?after_seq=10&limit=5`), { executionId: ID, afterSeq: 10, limit: 5 });
    assert.deepEqual(plainEventsPage(`${path}?limit=20000`), { executionId: ID, afterSeq: 0, limit: 10000 }, 'capped as the route caps it');
    assert.deepEqual(plainEventsPage(`/api/v1/executions/${ID.toUpperCase()}/events?after_seq=`), { executionId: ID, afterSeq: 0, limit: 1000 });
  });

  test('everything else is left to Express and the route', () => {
    for (const url of [
      `${path}?follow=true`,
      `${path}?after_seq=1&unrelated=1`,
      `${path}?after_seq=1&after_seq=2`,
      `${path}?after_seq=x`,
      `${path}?limit=0`,
      `/api/v1/executions/not-a-uuid/events`,
      `/api/v1/executions/${ID}/events/`,
      `/api/v1/executions/${ID}`,
      `/api/v2/executions/${ID}/events`,
      `/api/v1/executions/%E0%A4%A/events`,
    ]) {
      assert.equal(plainEventsPage(url), undefined, url);
    }
  });
});
