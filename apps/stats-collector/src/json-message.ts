import type { JsMsg } from '@nats-io/jetstream';
import { ValidationError } from '#vorch/contracts';

/** The message body as JSON; a body that is not JSON is a permanent input error, not something to retry. */
export function jsonBody(m: JsMsg): unknown {
  try {
    return m.json<unknown>();
  } catch {
    throw new ValidationError([{ field: '(body)', message: 'must be JSON' }]);
  }
}
