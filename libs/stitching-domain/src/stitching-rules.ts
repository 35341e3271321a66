import { evolveStitchedNetwork, homeOf, type ExistingNetwork, type StitchedNetworkState } from './stitched-network.state.js';
import type { StitchingEvent } from './stitching.events.js';
import { StitchingState, type SiteStitch } from './stitching-state.js';

/** The state after `events`, so a command can decide follow-up events from the outcome of its first ones. */
export function applyEvents(state: ExistingNetwork, events: readonly StitchingEvent[]): ExistingNetwork {
  return events.reduce<StitchedNetworkState>(evolveStitchedNetwork, state) as ExistingNetwork;
}

/**
 * The activation rule, the one place a site becomes active: the home site once its network exists, and a peer
 * only once its own network exists AND the home network it connects to is active. A peer that was degraded only
 * because the home network went missing comes back with it.
 */
export function activationsDue(state: ExistingNetwork): StitchingEvent[] {
  const events: StitchingEvent[] = [];
  const home = homeOf(state);
  const homeReady = home.state === StitchingState.Active || (home.state === StitchingState.Activating && home.vimNetworkId !== undefined);
  if (!homeReady) return events;
  if (home.state === StitchingState.Activating) events.push({ type: 'SiteActivated', data: { site: home.site } });
  for (const peer of state.sites) {
    if (peer.role !== 'peer') continue;
    const built = peer.state === StitchingState.Activating && peer.vimNetworkId !== undefined;
    const orphaned = peer.state === StitchingState.Degraded && peer.degradedReason === 'peer-missing';
    if (built || orphaned) events.push({ type: 'SiteActivated', data: { site: peer.site } });
  }
  return events;
}

/** When the home network is deleted behind Vorch's back, every active peer has nothing left to connect to. */
export function peersLosingHome(state: ExistingNetwork): StitchingEvent[] {
  return state.sites
    .filter((s) => s.role === 'peer' && s.state === StitchingState.Active)
    .map((s) => ({ type: 'SiteDegraded', data: { site: s.site, reason: 'peer-missing' } }));
}

/** Starting a teardown; a site whose network was never created has nothing to delete and is torn down at once. */
export function teardown(site: SiteStitch): StitchingEvent[] {
  const started: StitchingEvent = { type: 'SiteTeardownStarted', data: { site: site.site } };
  return site.vimNetworkId === undefined ? [started, { type: 'SiteTornDown', data: { site: site.site } }] : [started];
}

/** The network is gone once it is being deleted and every site's side is torn down; its segmentation id may go. */
export function deletionFinished(state: ExistingNetwork): StitchingEvent[] {
  if (state.status !== 'deleting') return [];
  if (state.sites.some((s) => s.state !== StitchingState.TornDown)) return [];
  return [{ type: 'StitchedNetworkDeleted', data: { networkId: state.identity.networkId, segmentation: state.identity.segmentation } }];
}

/** Runs `first`, then appends whatever the rules derive from the resulting state. */
export function withConsequences(state: ExistingNetwork, first: StitchingEvent[], ...rules: ((s: ExistingNetwork) => StitchingEvent[])[]): StitchingEvent[] {
  const events = [...first];
  let current = applyEvents(state, first);
  for (const rule of rules) {
    const more = rule(current);
    events.push(...more);
    current = applyEvents(current, more);
  }
  return events;
}
