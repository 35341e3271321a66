import { errors as natsErrors } from '@nats-io/transport-node';
import { JetStreamApiCodes, JetStreamApiError, JetStreamError } from '@nats-io/jetstream';
import { ConcurrencyError, UnavailableError } from '#vorch/contracts';

/** True when the server refused the append because the aggregate moved past expectedSeq. */
export function isWrongLastSequence(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamWrongLastSequence;
}

/**
 * Server restarts, timeouts and a closed connection become UnavailableError (503). After a timeout the append
 * may or may not have been stored: retrying with the same command id is safe, that is what the id is for.
 */
export function isUnavailable(err: unknown): boolean {
  return (
    err instanceof natsErrors.TimeoutError ||
    err instanceof natsErrors.RequestError ||
    err instanceof natsErrors.NoRespondersError ||
    err instanceof natsErrors.ConnectionError ||
    err instanceof natsErrors.ClosedConnectionError ||
    err instanceof natsErrors.DrainingConnectionError ||
    // a restarting server has no JetStream responder yet; the client reports that as 'not enabled'
    (err instanceof Error && err.name === 'JetStreamNotEnabled') ||
    (err instanceof JetStreamError && /timeout|no responders|heartbeat/i.test(err.message)) ||
    (err instanceof JetStreamApiError && err.status === 503)
  );
}

export function toAppendError(err: unknown, subject: string, expectedSeq: number): unknown {
  if (isWrongLastSequence(err)) return new ConcurrencyError(subject, expectedSeq);
  if (isUnavailable(err)) return new UnavailableError(`event store unavailable while appending to ${subject}`, { subject, cause: String(err) });
  return err;
}

export function toReadError(err: unknown, subject: string): unknown {
  if (isUnavailable(err)) return new UnavailableError(`event store unavailable while reading ${subject}`, { subject, cause: String(err) });
  return err;
}
