import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DriverAuthError, DriverConflictError, DriverTimeoutError, DriverUnreachableError } from '../driver-errors.js';
import { DialectHttpClient } from './dialect-http-client.js';
import { faultKindOfStatus } from './fault-kind.js';
import { SessionAuth } from './session-auth.js';

/** A tiny scripted VIM: each path answers from a queue of behaviours, and every hit is counted. */
type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;
const script = new Map<string, Behaviour[]>();
const hits = new Map<string, number>();
const ok: Behaviour = (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
const status =
  (code: number, headers: Record<string, string> = {}): Behaviour =>
  (_q, r) =>
    r.writeHead(code, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ message: `status ${code}` }));
const silent: Behaviour = () => {};

function handler(req: IncomingMessage, res: ServerResponse): void {
  const key = `${req.method} ${req.url}`;
  hits.set(key, (hits.get(key) ?? 0) + 1);
  const queue = script.get(key) ?? [];
  const next = queue.length > 1 ? queue.shift()! : (queue[0] ?? status(404));
  next(req, res);
}

const readError = (code: number, body: unknown) => ({ kind: faultKindOfStatus(code), vimMessage: (body as { message?: string })?.message });
const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };

describe('DialectHttpClient against a scripted HTTP server', () => {
  let server: Server;
  let endpoint: string;
  let client: DialectHttpClient;

  before(async () => {
    server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sites/s1`;
    // Generous per-attempt timeout: on a loaded machine a first request can take a while, and only the timeout
    // test below is about timing out.
    client = new DialectHttpClient({ dialect: 'test', endpoint, timeoutMs: 3000, retry: fast, readError });
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  beforeEach(() => {
    script.clear();
    hits.clear();
  });

  it('retries a GET through transient 503s and returns the eventual answer', async () => {
    script.set('GET /sites/s1/x', [status(503), status(502), ok]);
    const res = await client.send({ method: 'GET', path: '/x' });
    assert.deepEqual(res.body, { ok: true });
    assert.equal(res.attempts, 3);
  });

  it('does not resend a POST without an idempotency key after a 503: the VIM may have acted on it', async () => {
    script.set('POST /sites/s1/x', [status(503), ok]);
    await assert.rejects(client.send({ method: 'POST', path: '/x', body: {} }), DriverUnreachableError);
    assert.equal(hits.get('POST /sites/s1/x'), 1);
  });

  it('resends a POST marked idempotent, and any call answered 429, honouring Retry-After', async () => {
    script.set('POST /sites/s1/k', [status(503), ok]);
    assert.equal((await client.send({ method: 'POST', path: '/k', body: {}, idempotent: true })).attempts, 2);
    const patient = new DialectHttpClient({ dialect: 'test', endpoint, timeoutMs: 3000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1000 }, readError });
    script.set('POST /sites/s1/t', [status(429, { 'retry-after': '0.2' }), ok]);
    const t0 = Date.now();
    assert.equal((await patient.send({ method: 'POST', path: '/t', body: {} })).attempts, 2);
    assert.ok(Date.now() - t0 >= 190, 'waited for Retry-After');
  });

  it('gives up after the bounded retries with DriverUnreachableError naming the attempts', async () => {
    script.set('GET /sites/s1/down', [status(503)]);
    await assert.rejects(client.send({ method: 'GET', path: '/down' }), (err: unknown) => {
      assert.ok(err instanceof DriverUnreachableError);
      assert.equal(err.fault.attempts, fast.retries + 1);
      assert.equal(err.code, 'DRIVER.UNREACHABLE');
      return true;
    });
    assert.equal(hits.get('GET /sites/s1/down'), fast.retries + 1);
  });

  it('times each attempt out and ends with DriverTimeoutError', async () => {
    script.set('GET /sites/s1/slow', [silent]);
    const impatient = new DialectHttpClient({ dialect: 'test', endpoint, timeoutMs: 300, retry: fast, readError });
    const t0 = Date.now();
    await assert.rejects(impatient.send({ method: 'GET', path: '/slow' }), DriverTimeoutError);
    const took = Date.now() - t0;
    assert.ok(took >= 4 * 300 && took < 15_000, `took ${took} ms`);
    assert.equal(hits.get('GET /sites/s1/slow'), 4);
  });

  it('retries even a POST when the connection is refused, since the VIM never saw it', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const dead = new DialectHttpClient({ dialect: 'test', endpoint: `http://127.0.0.1:${port}`, timeoutMs: 3000, retry: fast, readError });
    await assert.rejects(dead.send({ method: 'POST', path: '/x', body: {} }), (err: unknown) => {
      assert.ok(err instanceof DriverUnreachableError);
      assert.equal(err.fault.attempts, fast.retries + 1);
      return true;
    });
  });

  it('stops at once when the caller aborts, even in the middle of a backoff', async () => {
    const slowRetry = new DialectHttpClient({ dialect: 'test', endpoint, timeoutMs: 3000, retry: { retries: 5, baseDelayMs: 10000, maxDelayMs: 10000 }, readError });
    script.set('GET /sites/s1/y', [status(503)]);
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('caller gave up')), 100);
    const t0 = Date.now();
    await assert.rejects(slowRetry.send({ method: 'GET', path: '/y', signal: ac.signal }), /caller gave up/);
    assert.ok(Date.now() - t0 < 5000, 'it did not sit out the 10 s backoff');
  });

  it('logs in again once when the session expired, then succeeds', async () => {
    let logins = 0;
    const auth = new SessionAuth(async () => ({ authorization: `session-${++logins}` }));
    const withAuth = new DialectHttpClient({ dialect: 'test', endpoint, timeoutMs: 3000, retry: fast, readError, auth });
    script.set('GET /sites/s1/me', [(q, r) => (q.headers.authorization === 'session-2' ? ok(q, r) : status(401)(q, r))]);
    assert.deepEqual(await withAuth.json({ method: 'GET', path: '/me' }), { ok: true });
    assert.equal(logins, 2);
  });

  it('reports refused credentials as DriverAuthError without looping', async () => {
    const auth = new SessionAuth(async () => ({ authorization: 'stale' }));
    const withAuth = new DialectHttpClient({ dialect: 'test', endpoint, timeoutMs: 3000, retry: fast, readError, auth });
    script.set('GET /sites/s1/me', [status(401)]);
    await assert.rejects(withAuth.send({ method: 'GET', path: '/me' }), DriverAuthError);
    assert.equal(hits.get('GET /sites/s1/me'), 2);
  });

  it('treats 404 on a resent DELETE as done, because the earlier attempt deleted it', async () => {
    script.set('DELETE /sites/s1/n/1', [status(503), status(404)]);
    assert.equal((await client.send({ method: 'DELETE', path: '/n/1' })).status, 204);
    script.set('DELETE /sites/s1/n/2', [status(404)]);
    await assert.rejects(client.send({ method: 'DELETE', path: '/n/2' }), { code: 'DRIVER.NOT_FOUND' });
  });

  it('maps the VIM error through the dialect reader, keeping the VIM message', async () => {
    script.set('POST /sites/s1/ports', [status(409)]);
    await assert.rejects(client.send({ method: 'POST', path: '/ports', body: {} }), (err: unknown) => {
      assert.ok(err instanceof DriverConflictError);
      assert.equal(err.fault.vimMessage, 'status 409');
      assert.equal(err.fault.httpStatus, 409);
      return true;
    });
  });
});
