import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertHeadersSupported } from './header-guard.js';
import { ReservedHeaderError, UnsupportedHeaderError } from './eventstore.errors.js';

describe('assertHeadersSupported', () => {
  it('lets application headers through', () => {
    assert.doesNotThrow(() => assertHeadersSupported(['traceparent', 'tracestate', 'X-Tenant']));
  });

  for (const header of ['Nats-Expected-Last-Subject-Sequence-Subject', 'Nats-TTL', 'Nats-Batch-Id', 'Nats-Batch-Commit', 'Nats-Schedule']) {
    it(`refuses ${header}, which nats-server 2.9 would silently ignore`, () => {
      assert.throws(
        () => assertHeadersSupported([header]),
        (err: unknown) => err instanceof UnsupportedHeaderError && err.code === 'EVENTSTORE.UNSUPPORTED_HEADER' && err.details?.header === header,
      );
    });
  }

  it('refuses Nats-* headers it has never heard of, whatever their case', () => {
    assert.throws(() => assertHeadersSupported(['NATS-FUTURE-THING']), UnsupportedHeaderError);
  });

  it('refuses the headers the store sets itself and the rollup that would erase history', () => {
    for (const header of ['Nats-Msg-Id', 'nats-expected-last-subject-sequence', 'Nats-Rollup']) {
      assert.throws(() => assertHeadersSupported([header]), (err: unknown) => err instanceof ReservedHeaderError && err.code === 'EVENTSTORE.RESERVED_HEADER');
    }
  });
});
