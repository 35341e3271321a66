import type { Decider } from '#vorch/contracts';
import { addSite, createNetwork, deleteNetwork, removeSite } from './network-lifecycle.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-schedule.js';
import { driftDetected, repairBlocked, siteNetworkCreated, siteRejected, siteRepaired, siteTornDown, siteUnreachable, siteValidated } from './site-outcomes.js';
import { evolveStitchedNetwork, initialStitchedNetworkState, type StitchedNetworkState } from './stitched-network.state.js';
import type { StitchingCommand } from './stitching.commands.js';
import type { StitchingEvent } from './stitching.events.js';

export function decideStitching(command: StitchingCommand, state: StitchedNetworkState, policy: RetryPolicy = DEFAULT_RETRY_POLICY): StitchingEvent[] {
  switch (command.type) {
    case 'CreateStitchedNetwork':
      return createNetwork(command, state);
    case 'AddSite':
      return addSite(command, state);
    case 'RemoveSite':
      return removeSite(command, state);
    case 'DeleteStitchedNetwork':
      return deleteNetwork(state);
    case 'RecordSiteValidated':
      return siteValidated(command, state);
    case 'RecordSiteRejected':
      return siteRejected(command, state);
    case 'RecordSiteNetworkCreated':
      return siteNetworkCreated(command, state);
    case 'RecordSiteUnreachable':
      return siteUnreachable(command, state, policy);
    case 'RecordDriftDetected':
      return driftDetected(command, state);
    case 'RecordSiteRepaired':
      return siteRepaired(command, state);
    case 'RecordRepairBlocked':
      return repairBlocked(command, state);
    case 'RecordSiteTornDown':
      return siteTornDown(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** The decider for one stretched network; the retry policy is configuration, fixed per service. */
export function createStitchingDecider(policy: RetryPolicy = DEFAULT_RETRY_POLICY): Decider<StitchingCommand, StitchingEvent, StitchedNetworkState> {
  return {
    decide: (command, state) => decideStitching(command, state, policy),
    evolve: evolveStitchedNetwork,
    initialState: initialStitchedNetworkState,
  };
}

export const stitchingDecider = createStitchingDecider();
