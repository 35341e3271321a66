import { validateInput, VorchError } from '#vorch/contracts';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Exchange, Reply } from '../http/exchange.js';
import { RouteTable } from '../http/route-table.js';
import { InvalidRequestError } from '../model/sim-errors.js';
import { FaultsInput, HostStateInput, NetworkPatchInput, VmPatchInput } from './admin-inputs.js';
import type { SimAdmin } from './sim-admin.js';

/** The admin HTTP API under /admin (see docs/infra-sim.md): inspection and fault injection, no authentication. */
export function adminRoutes(admin: SimAdmin): RouteTable {
  const routes = new RouteTable();
  const site = (ex: Exchange) => ex.params.site;

  routes.add('GET', '/admin/sites', (): Reply => ({ status: 200, body: admin.listSites() }));
  routes.add('GET', '/admin/sites/:site', (ex): Reply => ({ status: 200, body: admin.describeSite(site(ex)) }));
  routes.add('GET', '/admin/sites/:site/hosts', (ex): Reply => {
    const page = admin.hostsPage(site(ex), decodeCursor(ex.query.get('cursor')), ex.int('limit', 1000, 1000));
    return { status: 200, body: { items: page.items, next_cursor: page.next === null ? null : encodeCursor(page.next) } };
  });
  routes.add('GET', '/admin/sites/:site/faults', (ex): Reply => ({ status: 200, body: admin.faults(site(ex)) }));
  routes.add('PUT', '/admin/sites/:site/faults', async (ex): Promise<Reply> => {
    const input = validateInput(FaultsInput, await ex.json());
    return { status: 200, body: admin.setFaults(site(ex), stripUndefined(input)) };
  });
  routes.add('DELETE', '/admin/sites/:site/faults', (ex): Reply => {
    admin.clearFaults(site(ex));
    return { status: 204 };
  });
  routes.add('PUT', '/admin/sites/:site/hosts/:host/state', async (ex): Promise<Reply> => {
    const input = validateInput(HostStateInput, await ex.json());
    const host = admin.setHostUp(site(ex), ex.params.host, input.up);
    return { status: 200, body: { id: host.id, name: host.name, up: host.up } };
  });
  routes.add('DELETE', '/admin/sites/:site/resources/:kind/:id', (ex): Reply => {
    const kind = ex.params.kind;
    if (kind !== 'vm' && kind !== 'network' && kind !== 'port') throw new InvalidRequestError('kind must be vm, network or port');
    admin.deleteResource(site(ex), kind, ex.params.id);
    return { status: 204 };
  });
  routes.add('PATCH', '/admin/sites/:site/resources/vm/:id', async (ex): Promise<Reply> => {
    const input = validateInput(VmPatchInput, await ex.json());
    const vm = admin.patchVm(site(ex), ex.params.id, input);
    return { status: 200, body: { id: vm.id, name: vm.name, phase: vm.phase, hostId: vm.hostId, memoryMb: vm.memoryMb } };
  });
  routes.add('PATCH', '/admin/sites/:site/resources/network/:id', async (ex): Promise<Reply> => {
    const input = validateInput(NetworkPatchInput, await ex.json());
    const network = admin.renameNetwork(site(ex), ex.params.id, input.name);
    return { status: 200, body: { id: network.id, name: network.name } };
  });
  return routes;
}

export function adminErrorReply(err: unknown): Reply {
  if (err instanceof VorchError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, errors: err.errors } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
