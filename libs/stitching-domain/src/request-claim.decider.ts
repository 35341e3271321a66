import type { Decider } from '#vorch/contracts';

/**
 * The id a creating command gave what it creates (a network, a port). Those ids are new ULIDs (so lists follow
 * creation order), which leaves nothing in a resent command (the gateway's Idempotency-Key, a retry after a timeout or
 * a crash) to find the first result by: the id is claimed under the command first, and a resent command gets it back
 * instead of creating a second network or port. `fulfilled` says the first attempt finished, so a resent command can
 * tell "still to be done" (finish it) from "done, and since undone" (say so).
 */
export type RequestClaimCommand = { type: 'ClaimId'; id: string } | { type: 'RecordClaimFulfilled' };

export type RequestClaimEvent = { type: 'IdClaimed'; data: { id: string } } | { type: 'ClaimFulfilled'; data: Record<string, never> };

export interface RequestClaimState {
  id: string | null;
  fulfilled: boolean;
}

export function decideRequestClaim(command: RequestClaimCommand, state: RequestClaimState): RequestClaimEvent[] {
  switch (command.type) {
    case 'ClaimId':
      return state.id === null ? [{ type: 'IdClaimed', data: { id: command.id } }] : [];
    case 'RecordClaimFulfilled':
      if (state.id === null) throw new Error('a request is fulfilled only after its id was claimed');
      return state.fulfilled ? [] : [{ type: 'ClaimFulfilled', data: {} }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolveRequestClaim(state: RequestClaimState, event: RequestClaimEvent): RequestClaimState {
  switch (event.type) {
    case 'IdClaimed':
      return state.id === null ? { ...state, id: event.data.id } : state;
    case 'ClaimFulfilled':
      return { ...state, fulfilled: true };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

export const requestClaimDecider: Decider<RequestClaimCommand, RequestClaimEvent, RequestClaimState> = {
  decide: decideRequestClaim,
  evolve: evolveRequestClaim,
  initialState: () => ({ id: null, fulfilled: false }),
};
