import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { request, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { LedgerEvent, VmSystemClient } from '@vm-system/client';
import { serverSentEvents } from '../../libs/client/src/stream-request';
import { bareServer, sendJson } from '../lib/bare-http';
import type { LedgerRow } from '@vm-system/ledger';
import { bigLedger } from '../lib/big-ledger';
import { BenchContext, drainIo, log } from '../lib/context';
import { Row } from '../lib/report';
import { Scenario } from '../lib/scenario';
import { latencyFigure, now, valueFigure } from '../lib/stats';

const sseChunk = (row: LedgerRow) => `id: ${row.position}\ndata: ${JSON.stringify({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) })}\n\n`;

/** Reads an SSE answer until `enough(message)` says so; answers how many messages came. */
function readTail(url: string, enough: (data: string) => boolean, onOpen?: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream' } }, async (res) => {
      onOpen?.();
      let n = 0;
      try {
        for await (const message of serverSentEvents(res)) {
          n++;
          if (enough(message.data)) break;
        }
        req.destroy();
        resolve(n);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

/**
 * What following the ledger costs, on the big ledger:
 * - delivery: a commit (a template create) until it arrives on an open live tail; the floor
 *   is a bare node:http server that inserts a row with better-sqlite3 (WAL, synchronous=FULL)
 *   and writes it to its open SSE response;
 * - catch-up: a tail opened at position 0 until it reaches the head, in events/s; the floor
 *   streams the same rows, read by the raw SELECT and framed as SSE, from a bare node:http.
 */
export const ledgerTail: Scenario = {
  name: 'ledger-tail',
  async run(ctx: BenchContext) {
    const ledger = await bigLedger(ctx);
    const client = new VmSystemClient({ serverUrl: ledger.daemon.url });
    const rounds = ctx.quick ? 3 : 5;
    const calls = ctx.quick ? 40 : 150;
    const rows: Row[] = [];

    // Delivery latency, ours: one tail filtered to templates, one template create per sample.
    log(`ledger tail delivery at position ${ledger.total.toLocaleString('en-US')}: ${rounds} rounds × ${calls}…`);
    const floorDb = new Database(`${ctx.dir}/tail-floor.db`);
    floorDb.pragma('journal_mode = WAL');
    floorDb.pragma('synchronous = FULL');
    floorDb.exec(
      'CREATE TABLE IF NOT EXISTS ledger_events (position INTEGER PRIMARY KEY, stream_id TEXT, seq INTEGER, type TEXT, data TEXT, metadata TEXT, recorded_at TEXT, hash TEXT)',
    );
    const insert = floorDb.prepare('INSERT INTO ledger_events (stream_id, seq, type, data, metadata, recorded_at, hash) VALUES (?, 1, ?, ?, ?, ?, ?) RETURNING position');
    let floorTail: ServerResponse | undefined;
    const floor = await bareServer((req, body, res) => {
      if (req.url === '/tail') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        floorTail = res;
        return;
      }
      const at = new Date().toISOString();
      const { position } = insert.get(`template-${body}`, 'TemplateCreated', JSON.stringify({ name: body }), '{}', at, '') as { position: number };
      floorTail!.write(
        sseChunk({ position, stream_id: `template-${body}`, seq: 1, type: 'TemplateCreated', data: JSON.stringify({ name: body }), metadata: '{}', recorded_at: at, hash: '' }),
      );
      sendJson(res, '{}');
    });

    const measureDelivery = async (open: (onArrive: (data: string) => boolean, onOpen: () => void) => Promise<number>, write: (name: string) => Promise<unknown>) => {
      let waiting: { name: string; arrived: () => void } | undefined;
      let stop = false;
      await new Promise<void>((opened) => {
        const tail = open((data) => {
          if (waiting && data.includes(waiting.name)) waiting.arrived();
          return stop;
        }, opened);
        void tail.catch(() => undefined);
      });
      const samples: number[] = [];
      for (let i = 0; i < calls; i++) {
        const name = `tail-${process.pid}-${Math.random().toString(36).slice(2)}`;
        const start = now();
        await new Promise<void>((arrived) => {
          waiting = { name, arrived };
          void write(name);
        });
        samples.push(now() - start);
      }
      stop = true;
      return samples;
    };

    const head = await client.ledgerHead();
    const oursRounds: number[][] = [];
    const floorRounds: number[][] = [];
    for (let r = 0; r < rounds; r++) {
      const from = (await client.ledgerHead()).position;
      oursRounds.push(
        await measureDelivery(
          (onArrive, onOpen) => readTail(`${ledger.daemon.url}/api/v1/ledger/events?follow=true&stream_kind=template&after_position=${from}`, onArrive, onOpen),
          (name) => client.createTemplate({ name }),
        ),
      );
      floorRounds.push(
        await measureDelivery(
          (onArrive, onOpen) => readTail(`${floor.url}/tail`, onArrive, onOpen),
          (name) =>
            new Promise((resolve, reject) => {
              const req = request(`${floor.url}/append`, { method: 'POST' }, (res) => res.resume().on('end', resolve));
              req.on('error', reject);
              req.end(name);
            }),
        ),
      );
      floorTail?.end();
    }
    await floor.close();
    floorDb.close();
    rows.push({
      metric: `a commit until it arrives on an open tail, ledger of ${head.position.toLocaleString('en-US')} events`,
      ours: latencyFigure(oursRounds),
      floor: latencyFigure(floorRounds),
    });

    // Catch-up: a tail from position 0 until the head, over the whole big ledger.
    const catchUpRounds = ctx.quick ? 2 : 3;
    log(`ledger tail catch-up from position 0 to ${head.position.toLocaleString('en-US')}: ${catchUpRounds} rounds…`);
    const child = fork(join(__dirname, '..', 'lib', 'tail-floor-child.js'), [ledger.daemon.dbFile, String(head.position)]);
    const floorUrl = await new Promise<string>((resolve) => child.once('message', (url) => resolve(String(url))));
    const reachesHead = (data: string) => (JSON.parse(data) as LedgerEvent).position >= head.position;
    const oursRates: number[] = [];
    const floorRates: number[] = [];
    for (let r = 0; r < catchUpRounds; r++) {
      let start = now();
      let n = await readTail(`${ledger.daemon.url}/api/v1/ledger/events?follow=true&after_position=0`, reachesHead, () => (start = now()));
      oursRates.push((n / (now() - start)) * 1000);
      await drainIo();
      start = now();
      n = await readTail(`${floorUrl}/`, reachesHead, () => (start = now()));
      floorRates.push((n / (now() - start)) * 1000);
      await drainIo();
    }
    child.disconnect();
    rows.push({
      metric: `catch-up from position 0 to ${head.position.toLocaleString('en-US')}`,
      ours: valueFigure('events/s', oursRates),
      floor: valueFigure('events/s', floorRates),
    });
    return {
      name: 'ledger-tail',
      title: 'live tail of the ledger (`audit tail`, `GET /ledger/events?follow=true`)',
      floor:
        'delivery: a bare `node:http` server that inserts the row with better-sqlite3 (WAL, synchronous=FULL) and writes it to its open SSE response; catch-up: the raw `SELECT … ORDER BY position` of the same file in pages of 1,000, each row parsed and framed as SSE by a bare `node:http` in a process of its own, read by the same SSE parser',
      rows,
      notes: [
        "Delivery is what following costs on top of the write it follows: our tail reads the committed row back from the ledger (the feed only wakes it), the floor hands over the row it just inserted. The create itself is our template create (decide, append with the hash chain, projections), the floor's a bare insert.",
      ],
    };
  },
};
