import type { Exchange, Reply } from '../http/exchange.js';
import type { RouteTable } from '../http/route-table.js';
import type { Entity, Host, Network, Vm } from '../model/entities.js';

/** How a dialect names the site's resources on the wire, both ways. */
export interface DialectIds {
  of(entity: Entity): string;
  findHost(ref: string): Host;
  findVm(ref: string): Vm;
  findNetwork(ref: string): Network;
}

/** One dialect served for one site: its routes, its credential check and its error format. */
export interface DialectAdapter {
  readonly routes: RouteTable;
  readonly ids: DialectIds;
  /** Throws UnauthenticatedError unless the request carries a valid credential (public routes are not checked). */
  authenticate(ex: Exchange): void;
  errorReply(err: unknown, ex: Exchange): Reply;
}
