import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SpanRecord } from '#vorch/telemetry';
import { summarizeTraces } from './trace-summary.js';

const span = (traceId: string, name: string, startMs: number, durationMs: number, extra: Partial<SpanRecord> = {}): SpanRecord => ({
  traceId, spanId: `${traceId}-${name}`, name, service: 'gateway', startMs, durationMs, status: 'ok', attributes: {}, ...extra,
});

describe('summarizeTraces', () => {
  it('groups spans by trace, newest first, named after the earliest span', () => {
    const list = summarizeTraces(
      [
        span('a', 'POST /v1/things', 100, 50, { attributes: { 'url.path': '/v1/things' } }),
        span('a', 'request cmd.x', 110, 60, { service: 'gateway' }),
        span('a', 'handle cmd.x', 120, 30, { service: 'things', status: 'error' }),
        span('b', 'GET /v1/things/:id', 300, 5),
      ],
      10,
    );
    assert.deepEqual(list.map((t) => t.traceId), ['b', 'a']);
    const a = list[1]!;
    assert.equal(a.name, 'POST /v1/things');
    assert.equal(a.spanCount, 3);
    assert.equal(a.durationMs, 70);
    assert.deepEqual(a.services, ['gateway', 'things']);
    assert.equal(a.status, 'error');
  });

  it("leaves out the console's own polling and honours the limit", () => {
    const list = summarizeTraces(
      [
        span('p', 'GET /v1/traces', 1, 1, { attributes: { 'url.path': '/v1/traces' } }),
        span('h', 'GET /readyz', 2, 1, { attributes: { 'url.path': '/readyz' } }),
        span('x', 'x', 3, 1),
        span('y', 'y', 4, 1),
      ],
      1,
    );
    assert.deepEqual(list.map((t) => t.traceId), ['y']);
  });
});
