import { Inject, Injectable } from '@nestjs/common';
import type { CommandMeta } from '#vorch/contracts';
import { handleCommand, type EventStore } from '#vorch/eventstore';
import { resourceDecider, type ResourceAttributes, type ResourceSource } from '#vorch/interop-domain';
import { RESOURCE_AGGREGATE, resourceIdFor } from '../aggregate-ids.js';
import { CommitPositions } from '../commit-positions.js';
import { INTEROP_EVENT_STORE } from '../event-store.provider.js';

export interface RegisteredResource {
  resourceId: string;
  changed: boolean;
  /** Stream sequence of the resource's last commit: what the read model must reach to show it. */
  seq: number;
}

/** Registering a resource, from the API or from discovery: one use case, two doors. */
@Injectable()
export class RegisterResource {
  constructor(
    @Inject(INTEROP_EVENT_STORE) private readonly store: EventStore,
    private readonly positions: CommitPositions,
  ) {}

  async run(attributes: ResourceAttributes, source: ResourceSource, meta: CommandMeta): Promise<RegisteredResource> {
    const resourceId = resourceIdFor(attributes.tenantId, { siteId: attributes.siteId, externalId: attributes.externalId, commandId: meta.commandId });
    const result = await handleCommand(this.store, resourceDecider, {
      aggregateType: RESOURCE_AGGREGATE,
      aggregateId: resourceId,
      command: { type: 'RegisterResource', resourceId, attributes, source },
      meta,
    });
    return { resourceId, changed: result.events.length > 0, seq: await this.positions.lastSeq(RESOURCE_AGGREGATE, resourceId) };
  }
}
