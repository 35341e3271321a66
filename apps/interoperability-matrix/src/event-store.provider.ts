import type { Provider } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { EventStore } from '#vorch/eventstore';
import { NATS_CONNECTION } from '#vorch/messaging';
import { INTEROP_SETTINGS, type InteropSettings } from './interop-settings.js';

export const INTEROP_EVENT_STORE = Symbol('vorch:interop-event-store');

/** The service's event store on EVT_INTEROP (created on start if missing). Aggregates are small: no snapshots. */
export const eventStoreProvider: Provider = {
  provide: INTEROP_EVENT_STORE,
  inject: [NATS_CONNECTION, INTEROP_SETTINGS],
  useFactory: (nc: NatsConnection, settings: InteropSettings) => EventStore.open(nc, { ...settings.events }),
};
