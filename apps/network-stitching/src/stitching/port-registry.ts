import type { CommandMeta } from '#vorch/contracts';
import { deciderReducer, type EventStore, handleCommand } from '#vorch/eventstore';
import { networkPortsDecider, type NetworkPortsCommand, type NetworkPortsState } from '#vorch/stitching-domain';

/** Not `network`: the stitching loop lists networks from the `network.*` subjects, which this must stay out of. */
const AGGREGATE = 'network-ports';

/** The ports of each network (VIM port ids, MAC/IPs), one aggregate per network in the stitching stream. */
export class PortRegistry {
  constructor(private readonly store: EventStore) {}

  execute(networkId: string, command: NetworkPortsCommand, meta: CommandMeta) {
    return handleCommand(this.store, networkPortsDecider, { aggregateType: AGGREGATE, aggregateId: networkId, command, meta, maxAttempts: 32 });
  }

  async load(networkId: string): Promise<NetworkPortsState> {
    const { state } = await this.store.load(AGGREGATE, networkId, deciderReducer(networkPortsDecider));
    return state;
  }
}
