import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Min } from 'class-validator';
import { context, trace } from '@opentelemetry/api';
import { ConflictError, UnavailableError, ValidationError, VorchError, type CommandMeta } from '#vorch/contracts';
import { initTracing, recentSpans } from '#vorch/telemetry';
import { testNats, type TestNats } from '#vorch/testing';
import type { Subscription } from '@nats-io/transport-node';
import { Bus } from './bus.js';
import { serveRequests } from './serve-requests.js';
import { encodeJson, decodeJson } from './wire.js';

class Reserve {
  @IsString() name!: string;
  @IsInt() @Min(1) count!: number;
}

const meta = (commandId = 'c1'): CommandMeta => ({ commandId, tenantId: 'acme', correlationId: 'corr-1' });

describe('Bus and serveRequests over real NATS', () => {
  let t: TestNats;
  let bus: Bus;
  const subs: Subscription[] = [];
  const seen: Array<{ input: Reserve; meta: CommandMeta; traceId?: string }> = [];

  before(async () => {
    initTracing('messaging-test');
    t = await testNats();
    bus = new Bus(t.nc);
    subs.push(
      serveRequests(t.nc, {
        subject: `${t.prefix}.cmd.reserve`,
        queue: 'test',
        input: Reserve,
        handle: async (input, m) => {
          seen.push({ input, meta: m, traceId: trace.getSpan(context.active())?.spanContext().traceId });
          if (input.name === 'taken') throw new ConflictError('THING.TAKEN', 'taken by someone else', { holder: 'bob' });
          if (input.name === 'boom') throw new Error('unexpected');
          return { reserved: input.count, tenant: m.tenantId };
        },
      }),
    );
    await t.nc.flush();
  });

  after(async () => {
    for (const s of subs) s.unsubscribe();
    await t.cleanup();
  });

  it('delivers a validated payload and returns the result', async () => {
    const r = await bus.request<{ reserved: number; tenant: string }>(`${t.prefix}.cmd.reserve`, { name: 'a', count: 2 }, meta());
    assert.deepEqual(r, { reserved: 2, tenant: 'acme' });
    assert.ok(seen.at(-1)!.input instanceof Reserve);
  });

  it('answers bad input with a typed validation error naming each field', async () => {
    await assert.rejects(bus.request(`${t.prefix}.cmd.reserve`, { name: 5, count: 0 }, meta()), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(err.errors?.map((e) => e.field).sort(), ['count', 'name']);
      return true;
    });
  });

  it('carries a domain error across the bus with its code, status and details', async () => {
    await assert.rejects(bus.request(`${t.prefix}.cmd.reserve`, { name: 'taken', count: 1 }, meta()), (err: unknown) => {
      assert.ok(err instanceof VorchError);
      assert.equal(err.code, 'THING.TAKEN');
      assert.equal(err.status, 409);
      assert.deepEqual(err.details, { holder: 'bob' });
      return true;
    });
  });

  it('hides an unexpected failure behind INTERNAL and keeps serving', async () => {
    await assert.rejects(bus.request(`${t.prefix}.cmd.reserve`, { name: 'boom', count: 1 }, meta()), (err: VorchError) => err.code === 'INTERNAL');
    const r = await bus.request<{ reserved: number }>(`${t.prefix}.cmd.reserve`, { name: 'b', count: 3 }, meta());
    assert.equal(r.reserved, 3);
  });

  it('refuses a request without command metadata', async () => {
    const msg = await t.nc.request(`${t.prefix}.cmd.reserve`, encodeJson({ payload: { name: 'x', count: 1 } }));
    const reply = decodeJson<{ error: { code: string; errors: Array<{ field: string }> } }>(msg.data);
    assert.equal(reply.error.code, 'VALIDATION');
    assert.ok(reply.error.errors.some((e) => e.field === 'meta.commandId'));
  });

  it('refuses a body that is not JSON', async () => {
    const msg = await t.nc.request(`${t.prefix}.cmd.reserve`, new TextEncoder().encode('{nope'));
    assert.equal(decodeJson<{ error: { code: string } }>(msg.data).error.code, 'VALIDATION');
  });

  it('says unavailable when no service serves the subject', async () => {
    await assert.rejects(bus.request(`${t.prefix}.cmd.nobody`, {}, meta(), { timeoutMs: 500 }), UnavailableError);
  });

  it('continues the caller trace in the handler (traceparent in the headers)', async () => {
    const tracer = trace.getTracer('test');
    let callerTrace = '';
    await tracer.startActiveSpan('caller', async (span) => {
      callerTrace = span.spanContext().traceId;
      await bus.request(`${t.prefix}.cmd.reserve`, { name: 'traced', count: 1 }, meta());
      span.end();
    });
    const handled = seen.find((s) => s.input.name === 'traced');
    assert.equal(handled?.traceId, callerTrace);
    const names = recentSpans.byTrace(callerTrace).map((s) => s.name);
    assert.ok(names.includes(`handle ${t.prefix}.cmd.reserve`), names.join(','));
  });
});
