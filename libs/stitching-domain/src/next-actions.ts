import type { NetworkIdentity } from './network-identity.js';
import { describeForPeer, type PeerDescription } from './peer-description.js';
import { homeOf, type StitchedNetworkState } from './stitched-network.state.js';
import { StitchingState, type SiteStitch } from './stitching-state.js';

/** Work the service should do now through the drivers; each call's outcome comes back as a Record… command. */
export type StitchingAction =
  | { kind: 'validate-site'; site: string; identity: NetworkIdentity }
  | { kind: 'create-home-network'; site: string; identity: NetworkIdentity }
  | { kind: 'create-peer-network'; site: string; description: PeerDescription }
  /** An active site stopped answering: look at its network again (→ RecordSiteRepaired or RecordDriftDetected). */
  | { kind: 'check-site'; site: string; vimNetworkId: string | undefined }
  | { kind: 'repair-home-network'; site: string; identity: NetworkIdentity; vimNetworkId: string | undefined }
  | { kind: 'repair-peer-network'; site: string; description: PeerDescription; vimNetworkId: string | undefined }
  | { kind: 'delete-site-network'; site: string; vimNetworkId: string };

const due = (site: SiteStitch, now: string) => !site.retry || Date.parse(site.retry.nextAttemptAt) <= Date.parse(now);

/**
 * Everything that can be done at `now`, derived from the state alone (so a restarted service picks up where it was):
 * sites waiting for a retry are left out until their time, peers wait for the home network, and during deletion the
 * home network is deleted last, once no peer depends on it.
 */
export function nextActions(state: StitchedNetworkState, now: string): StitchingAction[] {
  if (state.status === 'absent' || state.status === 'deleted') return [];
  const home = homeOf(state);
  const homeActive = home.state === StitchingState.Active;
  const peersGone = state.sites.every((s) => s.role === 'home' || s.state === StitchingState.TornDown);
  const actions: StitchingAction[] = [];
  for (const site of state.sites) {
    if (!due(site, now)) continue;
    const isHome = site.role === 'home';
    switch (site.state) {
      case StitchingState.Validating:
        actions.push({ kind: 'validate-site', site: site.site, identity: state.identity });
        break;
      case StitchingState.Activating:
        if (site.vimNetworkId !== undefined) break; // built; waiting for the home network
        if (isHome) actions.push({ kind: 'create-home-network', site: site.site, identity: state.identity });
        else if (homeActive) actions.push({ kind: 'create-peer-network', site: site.site, description: describeForPeer(state, site.site) });
        break;
      case StitchingState.Degraded:
        if (site.degradedReason === 'unreachable') actions.push({ kind: 'check-site', site: site.site, vimNetworkId: site.vimNetworkId });
        else if (site.degradedReason === 'peer-missing') break; // comes back with the home network
        else if (isHome) actions.push({ kind: 'repair-home-network', site: site.site, identity: state.identity, vimNetworkId: site.vimNetworkId });
        else if (homeActive) actions.push({ kind: 'repair-peer-network', site: site.site, description: describeForPeer(state, site.site), vimNetworkId: site.vimNetworkId });
        break;
      case StitchingState.TearingDown:
        if (site.vimNetworkId !== undefined && (!isHome || peersGone)) actions.push({ kind: 'delete-site-network', site: site.site, vimNetworkId: site.vimNetworkId });
        break;
      case StitchingState.Active:
      case StitchingState.TornDown:
      case StitchingState.Failed:
        break;
      default: {
        const unknown: never = site.state;
        throw new Error(`unknown stitching state ${String(unknown)}`);
      }
    }
  }
  return actions;
}

/** The earliest retry still in the future, for the service's timer; undefined when nothing is waiting. */
export function nextWakeUp(state: StitchedNetworkState, now: string): string | undefined {
  if (state.status === 'absent' || state.status === 'deleted') return undefined;
  const waiting = state.sites
    .map((s) => s.retry?.nextAttemptAt)
    .filter((t): t is string => t !== undefined && Date.parse(t) > Date.parse(now))
    .sort();
  return waiting[0];
}

