import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { Exchange, Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import type { Host, Port } from '../../model/entities.js';
import { InvalidRequestError } from '../../model/sim-errors.js';
import type { DialectIds } from '../dialect-adapter.js';

const MAX_PAGE = 1000;

/**
 * The Vorch extensions every dialect serves under {endpoint}/vorch/v1: what the real products have no API for
 * (vswitches, security modules, a change feed, and ports for the dialects without Neutron). See docs/dialects.md.
 */
export function addExtensionRoutes(routes: RouteTable, site: SimSite, ids: DialectIds): void {
  const { model } = site;

  const vswitch = (h: Host) => ({ id: `vs-${h.name}`, name: `vs-${h.name}`, host: ids.of(h), host_name: h.name, kind: h.vswitchKind, uplinks: 2 });
  const port = (p: Port) => {
    const vm = p.vmId ? model.vms.get(p.vmId) : undefined;
    const network = model.networks.get(p.networkId);
    const subnet = model.subnets.get(p.subnetId);
    return {
      id: p.id,
      name: p.name,
      network: network ? ids.of(network) : null,
      mac_address: p.mac,
      // ip_address and subnet_cidr are the first fixed IP, as before dual-stack; ip_addresses has them all.
      ip_address: p.ip,
      subnet_cidr: subnet?.cidr ?? null,
      ip_addresses: p.fixedIps.map((f) => f.ip),
      vm: vm ? ids.of(vm) : null,
    };
  };

  const hostPage = (ex: Exchange) => {
    const limit = ex.int('limit', MAX_PAGE, MAX_PAGE);
    const hostRef = ex.query.get('host');
    if (hostRef) return { items: [ids.findHost(hostRef)], next: null };
    return model.hosts.page(decodeCursor(ex.query.get('cursor')), limit);
  };

  routes.add('GET', '/vorch/v1/vswitches', (ex): Reply => {
    const page = hostPage(ex);
    return { status: 200, body: { items: page.items.map(vswitch), next_cursor: page.next === null ? null : encodeCursor(page.next) } };
  });

  routes.add('GET', '/vorch/v1/vswitches/:id', (ex): Reply => {
    const host = model.requireHostByName(ex.params.id.replace(/^vs-/, ''));
    const ports = [...model.vmsOn(host.id)].flatMap((vm) =>
      vm.nics.flatMap((nic) => {
        const p = model.ports.get(nic.portId);
        return p ? [{ port: p.id, vm: ids.of(vm), mac_address: p.mac, ip_address: p.ip, ip_addresses: p.fixedIps.map((f) => f.ip), network: ids.of(model.requireNetwork(p.networkId)) }] : [];
      }),
    );
    return { status: 200, body: { ...vswitch(host), ports } };
  });

  // `limit` counts hosts here: a host's modules always come on the same page.
  routes.add('GET', '/vorch/v1/security-modules', (ex): Reply => {
    const page = hostPage(ex);
    const items = page.items.flatMap((h) =>
      h.securityModules.map((kind) => ({ id: `sm-${h.name}-${kind}`, host: ids.of(h), host_name: h.name, kind, firmware_version: firmwareOf(kind), status: 'ready' })),
    );
    return { status: 200, body: { items, next_cursor: page.next === null ? null : encodeCursor(page.next) } };
  });

  routes.add('GET', '/vorch/v1/changes', (ex): Reply => {
    const raw = ex.query.get('since') ?? '0';
    const since = Number(raw);
    if (!Number.isInteger(since) || since < 0) throw new InvalidRequestError('since must be a non-negative integer');
    const changes = model.feed.since(since, ex.int('limit', MAX_PAGE, MAX_PAGE));
    const items = changes.map((c) => ({ seq: c.seq, kind: c.entity.kind, op: c.op, id: ids.of(c.entity), name: c.entity.name, at: c.at }));
    const nextSince = changes.length ? changes[changes.length - 1].seq : Math.max(since, model.feed.oldestSince);
    return { status: 200, body: { items, latest: model.feed.latest, next_since: nextSince } };
  });

  routes.add('GET', '/vorch/v1/ports', (ex): Reply => {
    const networkRef = ex.query.get('network');
    const network = networkRef ? ids.findNetwork(networkRef) : undefined;
    const page = model.ports.page(decodeCursor(ex.query.get('cursor')), ex.int('limit', MAX_PAGE, MAX_PAGE), network ? (p) => p.networkId === network.id : undefined);
    return { status: 200, body: { items: page.items.map(port), next_cursor: page.next === null ? null : encodeCursor(page.next) } };
  });

  routes.add('POST', '/vorch/v1/ports', async (ex): Promise<Reply> => {
    const body = (await ex.json()) as Record<string, unknown> | undefined;
    if (!body || typeof body.network !== 'string') throw new InvalidRequestError('network is required');
    const created = site.networking.createPort({
      networkId: ids.findNetwork(body.network).id,
      mac: optionalString(body, 'mac_address'),
      fixedIps: requestedIps(body)?.map((ip) => ({ ip })),
      ipVersion: optionalIpVersion(body),
      name: optionalString(body, 'name'),
    });
    return { status: 201, body: port(created) };
  });

  routes.add('GET', '/vorch/v1/ports/:id', (ex): Reply => ({ status: 200, body: port(model.requirePort(ex.params.id)) }));

  routes.add('DELETE', '/vorch/v1/ports/:id', (ex): Reply => {
    site.networking.deletePort(ex.params.id);
    return { status: 204 };
  });
}

/** `ip_addresses` (every fixed IP) or the older `ip_address` (one); both at once is ambiguous. */
function requestedIps(body: Record<string, unknown>): string[] | undefined {
  const one = optionalString(body, 'ip_address');
  const many = body.ip_addresses;
  if (many === undefined || many === null) return one === undefined ? undefined : [one];
  if (one !== undefined) throw new InvalidRequestError('give ip_address or ip_addresses, not both');
  if (!Array.isArray(many) || many.some((ip) => typeof ip !== 'string')) throw new InvalidRequestError('ip_addresses must be a list of strings');
  return many as string[];
}

function optionalIpVersion(body: Record<string, unknown>): 4 | 6 | undefined {
  const v = body.ip_version;
  if (v === undefined || v === null) return undefined;
  if (v !== 4 && v !== 6) throw new InvalidRequestError('ip_version must be 4 or 6');
  return v;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new InvalidRequestError(`${key} must be a string`);
  return v;
}

function firmwareOf(kind: string): string {
  switch (kind) {
    case 'tpm':
      return '2.0-7.2';
    case 'sev-snp':
      return '1.55.21';
    case 'tdx':
      return '1.5.06';
    default:
      return '2.19';
  }
}
