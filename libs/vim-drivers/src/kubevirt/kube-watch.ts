import { abortableSleep } from '../async/abortable-sleep.js';
import { ndjsonLines } from '../async/ndjson-lines.js';
import { DriverError, DriverProtocolError, DriverWatchExpiredError } from '../driver-errors.js';
import type { DialectHttpClient } from '../http/dialect-http-client.js';
import type { KubernetesStatus } from './kubernetes-errors.js';
import type { ObjectMeta, WatchEvent } from './kubevirt-wire.js';

export interface ResourceWatch {
  path: string;
  /** Follow changes after this resourceVersion. */
  since: string;
  reconnectDelayMs: number;
  signal: AbortSignal;
}

/**
 * Follows one Kubernetes `?watch=true` stream. When the server ends the stream or the connection drops, it
 * reconnects from the last resourceVersion seen, as client-go's reflector does, so no change is lost. Ends quietly
 * when the signal aborts; an expired resourceVersion (410) ends it with DriverWatchExpiredError.
 */
export async function* watchResource<T extends { metadata: ObjectMeta }>(http: DialectHttpClient, w: ResourceWatch): AsyncGenerator<WatchEvent<T>> {
  let rv = w.since;
  const expired = (message: string, err?: DriverError) =>
    new DriverWatchExpiredError(`${w.path}: ${message}`, err?.fault ?? { dialect: 'kubevirt', endpoint: http.endpoint, path: w.path, httpStatus: 410 });
  while (!w.signal.aborted) {
    let body: AsyncIterable<Uint8Array>;
    try {
      const { response } = await http.stream({ method: 'GET', path: w.path, query: { watch: 'true', resourceVersion: rv, allowWatchBookmarks: 'true' }, signal: w.signal });
      body = response.body as unknown as AsyncIterable<Uint8Array>;
    } catch (err) {
      if (w.signal.aborted) return;
      if (err instanceof DriverError && err.fault.httpStatus === 410) throw expired(`resourceVersion ${rv} is too old`, err);
      throw err;
    }
    try {
      for await (const ev of ndjsonLines<WatchEvent<T>>(body)) {
        if (ev.type === 'ERROR') {
          const status = ev.object as unknown as KubernetesStatus;
          if (status.code === 410) throw expired(status.message ?? 'expired');
          throw new DriverProtocolError(`watch of ${w.path} failed: ${status.message ?? 'no reason'}`, { dialect: 'kubevirt', endpoint: http.endpoint, vimCode: status.reason });
        }
        if (ev.object?.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
        if (ev.type !== 'BOOKMARK') yield ev;
      }
    } catch (err) {
      if (w.signal.aborted) return;
      if (err instanceof DriverError) throw err;
      // The stream was cut (connection reset, proxy timeout): reconnect from rv below.
    }
    try {
      await abortableSleep(w.reconnectDelayMs, w.signal);
    } catch {
      return;
    }
  }
}
