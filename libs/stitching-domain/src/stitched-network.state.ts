import type { NetworkIdentity } from './network-identity.js';
import type { StitchingEvent } from './stitching.events.js';
import { StitchingState, type SiteStitch } from './stitching-state.js';

/**
 * One aggregate per network; each site's side is a state machine inside it. Sites are an array (home first, then
 * in the order they joined): a network reaches a handful of sites, and the state stays plain JSON for snapshots.
 */
export type StitchedNetworkState =
  | { status: 'absent' }
  | { status: 'live' | 'deleting' | 'deleted'; identity: NetworkIdentity; sites: readonly SiteStitch[] };

export type ExistingNetwork = Exclude<StitchedNetworkState, { status: 'absent' }>;

export const initialStitchedNetworkState = (): StitchedNetworkState => ({ status: 'absent' });

export function siteNamed(state: ExistingNetwork, site: string): SiteStitch | undefined {
  return state.sites.find((s) => s.site === site);
}

export function homeOf(state: ExistingNetwork): SiteStitch {
  const home = siteNamed(state, state.identity.homeSite);
  if (!home) throw new Error(`network ${state.identity.networkId} has no home site entry`);
  return home;
}

function requireExisting(state: StitchedNetworkState, event: StitchingEvent): ExistingNetwork {
  if (state.status === 'absent') throw new Error(`${event.type} before the network was created`);
  return state;
}

function updateSite(state: ExistingNetwork, site: string, change: (s: SiteStitch) => SiteStitch): ExistingNetwork {
  const index = state.sites.findIndex((s) => s.site === site);
  if (index < 0) throw new Error(`event for unknown site ${site}`);
  return { ...state, sites: state.sites.map((s, i) => (i === index ? change(s) : s)) };
}

/** Drops the fields that only make sense in one state, so an old retry or reason never leaks into the next state. */
function settle(s: SiteStitch, patch: Partial<SiteStitch>): SiteStitch {
  const { retry: _retry, degradedReason: _reason, failure: _failure, ...rest } = s;
  return { ...rest, ...patch };
}

export function evolveStitchedNetwork(state: StitchedNetworkState, event: StitchingEvent): StitchedNetworkState {
  switch (event.type) {
    case 'StitchedNetworkCreated':
      return { status: 'live', identity: event.data.identity, sites: [] };
    case 'SiteStitchingStarted': {
      const network = requireExisting(state, event);
      const { site, role } = event.data;
      const fresh: SiteStitch = { site, role, state: StitchingState.Validating };
      // A site that comes back after being torn down keeps its place in the list.
      const sites = siteNamed(network, site) ? network.sites.map((s) => (s.site === site ? fresh : s)) : [...network.sites, fresh];
      return { ...network, sites };
    }
    case 'SiteValidated':
      return updateSite(requireExisting(state, event), event.data.site, (s) => settle(s, { state: StitchingState.Activating }));
    case 'SiteRejected':
      return updateSite(requireExisting(state, event), event.data.site, (s) => settle(s, { state: StitchingState.Failed, failure: event.data.reason }));
    case 'SiteNetworkCreated':
      return updateSite(requireExisting(state, event), event.data.site, (s) => {
        const { retry: _retry, ...rest } = s;
        return { ...rest, vimNetworkId: event.data.vimNetworkId };
      });
    case 'SiteActivated':
      return updateSite(requireExisting(state, event), event.data.site, (s) => settle(s, { state: StitchingState.Active }));
    case 'SiteUnreachable': {
      const { site, attempt, error, nextAttemptAt } = event.data;
      return updateSite(requireExisting(state, event), site, (s) => {
        const retry = { attempt, nextAttemptAt, lastError: error };
        // An active site that stops answering is degraded; in any other state it keeps trying where it was.
        if (s.state === StitchingState.Active) return { ...s, state: StitchingState.Degraded, degradedReason: 'unreachable', retry };
        return { ...s, retry };
      });
    }
    case 'DriftDetected':
      return updateSite(requireExisting(state, event), event.data.site, (s) => {
        const { vimNetworkId, ...rest } = settle(s, { state: StitchingState.Degraded, degradedReason: `drift-${event.data.drift}` });
        return event.data.drift === 'deleted' ? rest : { ...rest, vimNetworkId };
      });
    case 'SiteDegraded':
      return updateSite(requireExisting(state, event), event.data.site, (s) => settle(s, { state: StitchingState.Degraded, degradedReason: event.data.reason }));
    case 'SiteRepaired':
      // The network exists again; whether it may be active is the activation rule's call (SiteActivated follows).
      return updateSite(requireExisting(state, event), event.data.site, (s) =>
        settle(s, { state: StitchingState.Activating, vimNetworkId: event.data.vimNetworkId }),
      );
    case 'SiteRepairBlocked':
      return updateSite(requireExisting(state, event), event.data.site, (s) => ({ ...s, failure: event.data.reason }));
    case 'SiteTeardownStarted':
      return updateSite(requireExisting(state, event), event.data.site, (s) => settle(s, { state: StitchingState.TearingDown }));
    case 'SiteTornDown':
      return updateSite(requireExisting(state, event), event.data.site, (s) => {
        const { vimNetworkId: _id, ...rest } = settle(s, { state: StitchingState.TornDown });
        return rest;
      });
    case 'NetworkDeletionStarted':
      return { ...requireExisting(state, event), status: 'deleting' };
    case 'StitchedNetworkDeleted':
      return { ...requireExisting(state, event), status: 'deleted' };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}
