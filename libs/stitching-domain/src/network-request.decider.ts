import type { Decider } from '#vorch/contracts';

/**
 * Which network a create command made. A network's id is new (a ULID, so networks list in creation order), which
 * leaves nothing in a resent command (the gateway's Idempotency-Key, a retry after a timeout or a crash) to find the
 * first network by: the id is claimed under the command's key first, and a resent command gets that id back instead
 * of a second network with a second VNI.
 */
export interface ClaimNetworkId {
  type: 'ClaimNetworkId';
  networkId: string;
}

export interface NetworkIdClaimed {
  type: 'NetworkIdClaimed';
  data: { networkId: string };
}

export interface NetworkRequestState {
  networkId: string | null;
}

export const networkRequestDecider: Decider<ClaimNetworkId, NetworkIdClaimed, NetworkRequestState> = {
  decide: (command, state) => (state.networkId === null ? [{ type: 'NetworkIdClaimed', data: { networkId: command.networkId } }] : []),
  evolve: (state, event) => (state.networkId === null ? { networkId: event.data.networkId } : state),
  initialState: () => ({ networkId: null }),
};
