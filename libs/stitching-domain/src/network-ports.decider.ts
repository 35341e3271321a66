import type { Decider } from '#vorch/contracts';
import { NotFoundError } from '#vorch/contracts';

/**
 * The ports of one network, one aggregate per network (`network-ports`, id = network id). The stitching aggregate
 * knows sites, not ports; VIM port ids must be in an event so a port can be deleted later on its site and on the
 * home VIM, and so a site's ports can be torn down before its network.
 */
export interface PortRecord {
  portId: string;
  name: string;
  site: string;
  /** The port on `site`. */
  vimPortId: string;
  /** The port (or address reservation) on the home site's VIM that holds the MAC/IP; equals vimPortId on the home site. */
  homeVimPortId: string;
  mac: string;
  ips: string[];
}

export interface RecordPortCreated {
  type: 'RecordPortCreated';
  port: PortRecord;
}

export interface RecordPortDeleted {
  type: 'RecordPortDeleted';
  portId: string;
}

export type NetworkPortsCommand = RecordPortCreated | RecordPortDeleted;

export type NetworkPortsEvent = { type: 'PortCreated'; data: PortRecord } | { type: 'PortDeleted'; data: { portId: string; site: string } };

/** Plain JSON (snapshots): live ports by id. */
export interface NetworkPortsState {
  ports: Record<string, PortRecord>;
}

export const initialNetworkPortsState = (): NetworkPortsState => ({ ports: {} });

export function decideNetworkPorts(command: NetworkPortsCommand, state: NetworkPortsState): NetworkPortsEvent[] {
  switch (command.type) {
    case 'RecordPortCreated':
      // A redelivered record of the same port has no second effect.
      return state.ports[command.port.portId] ? [] : [{ type: 'PortCreated', data: command.port }];
    case 'RecordPortDeleted': {
      const port = state.ports[command.portId];
      if (!port) throw new NotFoundError('Port', command.portId);
      return [{ type: 'PortDeleted', data: { portId: port.portId, site: port.site } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolveNetworkPorts(state: NetworkPortsState, event: NetworkPortsEvent): NetworkPortsState {
  switch (event.type) {
    case 'PortCreated':
      return { ports: { ...state.ports, [event.data.portId]: event.data } };
    case 'PortDeleted': {
      const { [event.data.portId]: _gone, ...rest } = state.ports;
      return { ports: rest };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

export const networkPortsDecider: Decider<NetworkPortsCommand, NetworkPortsEvent, NetworkPortsState> = {
  decide: decideNetworkPorts,
  evolve: evolveNetworkPorts,
  initialState: initialNetworkPortsState,
};

export const portsOnSite = (state: NetworkPortsState, site: string): PortRecord[] => Object.values(state.ports).filter((p) => p.site === site);
