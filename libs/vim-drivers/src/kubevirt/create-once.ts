import { DriverConflictError } from '../driver-errors.js';
import type { DialectHttpClient } from '../http/dialect-http-client.js';
import type { ObjectMeta } from './kubevirt-wire.js';

/**
 * POSTs an object with a deterministic name, resending on transient failures (the name makes that safe).
 * "Already exists" after a resend is our own earlier attempt, so the existing object is read back; on the first
 * attempt it is a real conflict: the name was taken.
 */
export async function createOnce<T extends { metadata: ObjectMeta }>(
  http: DialectHttpClient,
  collection: string,
  body: { metadata: ObjectMeta; [field: string]: unknown },
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await http.json<T>({ method: 'POST', path: collection, body, idempotent: true, signal });
  } catch (err) {
    if (err instanceof DriverConflictError && err.fault.vimCode === 'AlreadyExists' && Number(err.fault.attempts) > 1) {
      return http.json<T>({ method: 'GET', path: `${collection}/${encodeURIComponent(body.metadata.name)}`, signal });
    }
    throw err;
  }
}
