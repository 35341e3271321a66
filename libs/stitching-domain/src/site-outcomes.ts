import { NotFoundError } from '#vorch/contracts';
import { nextAttemptAt, type RetryPolicy } from './retry-schedule.js';
import { siteNamed, type ExistingNetwork, type StitchedNetworkState } from './stitched-network.state.js';
import type {
  RecordDriftDetected,
  RecordSiteNetworkCreated,
  RecordRepairBlocked,
  RecordSiteRejected,
  RecordSiteRepaired,
  RecordSiteTornDown,
  RecordSiteUnreachable,
  RecordSiteValidated,
} from './stitching.commands.js';
import { IllegalStitchingTransitionError, NetworkDeletedError, SiteNotStretchedError } from './stitching.errors.js';
import type { StitchingEvent } from './stitching.events.js';
import { StitchingState, type SiteStitch } from './stitching-state.js';
import { activationsDue, deletionFinished, peersLosingHome, withConsequences } from './stitching-rules.js';

// Outcomes arrive at least once (a redelivered message, a retried activity): a repeat of what the state already
// shows yields no events; anything that contradicts the state is an IllegalStitchingTransitionError.

function siteOf(state: StitchedNetworkState, site: string): [ExistingNetwork, SiteStitch] {
  if (state.status === 'absent') throw new NotFoundError('Network', '(not created)');
  const found = siteNamed(state, site);
  if (!found) throw new SiteNotStretchedError(state.identity.networkId, site);
  return [state, found];
}

const illegal = (site: SiteStitch, command: string) => new IllegalStitchingTransitionError(site.site, site.state, command);

export function siteValidated(command: RecordSiteValidated, state: StitchedNetworkState): StitchingEvent[] {
  const [, site] = siteOf(state, command.site);
  switch (site.state) {
    case StitchingState.Validating:
      return [{ type: 'SiteValidated', data: { site: site.site } }];
    case StitchingState.Activating:
    case StitchingState.Active:
    case StitchingState.Degraded:
      return [];
    default:
      throw illegal(site, command.type);
  }
}

export function siteRejected(command: RecordSiteRejected, state: StitchedNetworkState): StitchingEvent[] {
  const [, site] = siteOf(state, command.site);
  if (site.state === StitchingState.Validating) return [{ type: 'SiteRejected', data: { site: site.site, reason: command.reason } }];
  if (site.state === StitchingState.Failed) return [];
  throw illegal(site, command.type);
}

export function siteNetworkCreated(command: RecordSiteNetworkCreated, state: StitchedNetworkState): StitchingEvent[] {
  const [network, site] = siteOf(state, command.site);
  const created: StitchingEvent = { type: 'SiteNetworkCreated', data: { site: site.site, vimNetworkId: command.vimNetworkId } };
  if (site.vimNetworkId === command.vimNetworkId) return [];
  // A second, different network for the same site would leave one of them unmanaged.
  if (site.vimNetworkId !== undefined) throw illegal(site, command.type);
  switch (site.state) {
    case StitchingState.Activating:
      return withConsequences(network, [created], activationsDue);
    case StitchingState.TearingDown:
      // The creation finished after the removal began: record it, so the teardown deletes it too.
      return [created];
    case StitchingState.TornDown:
      if (network.status === 'deleted') throw new NetworkDeletedError(network.identity.networkId, site.site, command.vimNetworkId);
      return [created, { type: 'SiteTeardownStarted', data: { site: site.site } }];
    default:
      throw illegal(site, command.type);
  }
}

export function siteUnreachable(command: RecordSiteUnreachable, state: StitchedNetworkState, policy: RetryPolicy): StitchingEvent[] {
  const [network, site] = siteOf(state, command.site);
  if (site.state === StitchingState.TornDown || site.state === StitchingState.Failed) throw illegal(site, command.type);
  const attempt = (site.retry?.attempt ?? 0) + 1;
  const seed = `${network.identity.networkId}/${site.site}/${attempt}`;
  return [{ type: 'SiteUnreachable', data: { site: site.site, attempt, error: command.error, nextAttemptAt: nextAttemptAt(policy, attempt, command.now, seed) } }];
}

export function driftDetected(command: RecordDriftDetected, state: StitchedNetworkState): StitchingEvent[] {
  const [network, site] = siteOf(state, command.site);
  if (site.state !== StitchingState.Active && site.state !== StitchingState.Degraded) throw illegal(site, command.type);
  if (site.degradedReason === `drift-${command.drift}`) return [];
  const data: { site: string; drift: 'deleted' | 'changed'; detail?: string } = { site: site.site, drift: command.drift };
  if (command.detail !== undefined) data.detail = command.detail;
  const drift: StitchingEvent = { type: 'DriftDetected', data };
  if (site.role === 'home' && command.drift === 'deleted') return withConsequences(network, [drift], peersLosingHome);
  return [drift];
}

export function siteRepaired(command: RecordSiteRepaired, state: StitchedNetworkState): StitchingEvent[] {
  const [network, site] = siteOf(state, command.site);
  if (site.state === StitchingState.Active && site.vimNetworkId === command.vimNetworkId) return [];
  if (site.state !== StitchingState.Degraded) throw illegal(site, command.type);
  return withConsequences(network, [{ type: 'SiteRepaired', data: { site: site.site, vimNetworkId: command.vimNetworkId } }], activationsDue);
}

export function repairBlocked(command: RecordRepairBlocked, state: StitchedNetworkState): StitchingEvent[] {
  const [, site] = siteOf(state, command.site);
  if (site.state !== StitchingState.Degraded) throw illegal(site, command.type);
  if (site.failure === command.reason) return [];
  return [{ type: 'SiteRepairBlocked', data: { site: site.site, reason: command.reason } }];
}

export function siteTornDown(command: RecordSiteTornDown, state: StitchedNetworkState): StitchingEvent[] {
  const [network, site] = siteOf(state, command.site);
  if (site.state === StitchingState.TornDown) return [];
  if (site.state !== StitchingState.TearingDown) throw illegal(site, command.type);
  return withConsequences(network, [{ type: 'SiteTornDown', data: { site: site.site } }], deletionFinished);
}
