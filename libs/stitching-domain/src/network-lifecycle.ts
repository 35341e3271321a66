import { NotFoundError, ValidationError } from '#vorch/contracts';
import { describeNetwork } from './network-identity.js';
import { siteNamed, type ExistingNetwork, type StitchedNetworkState } from './stitched-network.state.js';
import type { AddSite, CreateStitchedNetwork, RemoveSite } from './stitching.commands.js';
import { HomeSiteRemovalError, NetworkDeletingError, NetworkExistsError, SiteAlreadyStretchedError, SiteNotStretchedError } from './stitching.errors.js';
import type { StitchingEvent } from './stitching.events.js';
import { StitchingState } from './stitching-state.js';
import { deletionFinished, teardown, withConsequences } from './stitching-rules.js';

/** Commands that change the network's shape are refused while it is being deleted, and 404 once it is gone. */
export function requireLive(state: StitchedNetworkState): ExistingNetwork {
  if (state.status === 'absent' || state.status === 'deleted') {
    throw new NotFoundError('Network', state.status === 'deleted' ? state.identity.networkId : '(not created)');
  }
  if (state.status === 'deleting') throw new NetworkDeletingError(state.identity.networkId);
  return state;
}

export function createNetwork(command: CreateStitchedNetwork, state: StitchedNetworkState): StitchingEvent[] {
  if (state.status !== 'absent') throw new NetworkExistsError(state.identity.networkId);
  const identity = describeNetwork(command);
  const peers = command.stretchTo ?? [];
  const seen = new Set<string>();
  for (const site of peers) {
    if (typeof site !== 'string' || !site.trim()) throw new ValidationError([{ field: 'stretchTo', message: 'site names must not be empty' }]);
    if (site === command.homeSite) throw new ValidationError([{ field: 'stretchTo', message: `${site} is the home site` }]);
    if (seen.has(site)) throw new ValidationError([{ field: 'stretchTo', message: `${site} is listed twice` }]);
    seen.add(site);
  }
  return [
    { type: 'StitchedNetworkCreated', data: { identity } },
    { type: 'SiteStitchingStarted', data: { site: command.homeSite, role: 'home' } },
    ...peers.map((site): StitchingEvent => ({ type: 'SiteStitchingStarted', data: { site, role: 'peer' } })),
  ];
}

export function addSite(command: AddSite, state: StitchedNetworkState): StitchingEvent[] {
  const network = requireLive(state);
  const current = siteNamed(network, command.site);
  // A site that was removed earlier may come back; it starts over from validation.
  if (current && current.state !== StitchingState.TornDown) throw new SiteAlreadyStretchedError(network.identity.networkId, command.site);
  if (!command.site?.trim()) throw new ValidationError([{ field: 'site', message: 'must not be empty' }]);
  return [{ type: 'SiteStitchingStarted', data: { site: command.site, role: 'peer' } }];
}

export function removeSite(command: RemoveSite, state: StitchedNetworkState): StitchingEvent[] {
  const network = requireLive(state);
  const site = siteNamed(network, command.site);
  if (!site) throw new SiteNotStretchedError(network.identity.networkId, command.site);
  if (site.role === 'home') throw new HomeSiteRemovalError(network.identity.networkId, command.site);
  if (site.state === StitchingState.TearingDown || site.state === StitchingState.TornDown) return [];
  return teardown(site);
}

export function deleteNetwork(state: StitchedNetworkState): StitchingEvent[] {
  if (state.status === 'absent') throw new NotFoundError('Network', '(not created)');
  // Deleting twice is the same intent: nothing more to do.
  if (state.status !== 'live') return [];
  const started: StitchingEvent = { type: 'NetworkDeletionStarted', data: { networkId: state.identity.networkId } };
  const teardowns = state.sites
    .filter((s) => s.state !== StitchingState.TearingDown && s.state !== StitchingState.TornDown)
    .flatMap(teardown);
  return withConsequences(state, [started, ...teardowns], deletionFinished);
}
