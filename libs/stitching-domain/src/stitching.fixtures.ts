import { foldEvents } from '#vorch/contracts';
import { siteNamed, type StitchedNetworkState } from './stitched-network.state.js';
import type { CreateStitchedNetwork, StitchingCommand } from './stitching.commands.js';
import { stitchingDecider } from './stitching.decider.js';
import type { StitchingEvent } from './stitching.events.js';

/** Test fixtures for the stitching decider: a network homed in paris, stretched to berlin and rome. */
export const createBlue: CreateStitchedNetwork = {
  type: 'CreateStitchedNetwork',
  networkId: 'net-blue',
  name: 'blue',
  homeSite: 'paris',
  stretchTo: ['berlin', 'rome'],
  subnets: [{ cidr: '10.20.0.0/24' }, { cidr: 'fd00:20::/64' }],
  mtu: 1450,
  segmentation: { type: 'vxlan', id: 5001 },
};

export const NOW = '2026-11-25T12:00:00.000Z';

/** Runs commands one by one through decide and evolve, as the service would, and returns every event decided. */
export function play(commands: StitchingCommand[], from: StitchingEvent[] = []): StitchingEvent[] {
  const events = [...from];
  for (const command of commands) events.push(...stitchingDecider.decide(command, foldEvents(stitchingDecider, events)));
  return events;
}

export function stateOf(events: StitchingEvent[]): StitchedNetworkState {
  return foldEvents(stitchingDecider, events);
}

export const validated = (site: string): StitchingCommand => ({ type: 'RecordSiteValidated', site });
export const networkCreated = (site: string, vimNetworkId = `${site}-net`): StitchingCommand => ({ type: 'RecordSiteNetworkCreated', site, vimNetworkId });
export const unreachable = (site: string, now = NOW): StitchingCommand => ({ type: 'RecordSiteUnreachable', site, error: 'connect ECONNREFUSED', now });
export const drift = (site: string, kind: 'deleted' | 'changed'): StitchingCommand => ({ type: 'RecordDriftDetected', site, drift: kind });
export const repaired = (site: string, vimNetworkId = `${site}-net-2`): StitchingCommand => ({ type: 'RecordSiteRepaired', site, vimNetworkId });
export const tornDown = (site: string): StitchingCommand => ({ type: 'RecordSiteTornDown', site });

/** Home and berlin active; rome still validating. */
export const homeAndBerlinActive = (): StitchingEvent[] =>
  play([createBlue, validated('paris'), networkCreated('paris'), validated('berlin'), networkCreated('berlin')]);

export function siteState(events: StitchingEvent[], site: string): string | undefined {
  const state = stateOf(events);
  return state.status === 'absent' ? undefined : siteNamed(state, site)?.state;
}
