import { requestedIps } from '../address-family.js';
import type { DialectHttpClient } from '../http/dialect-http-client.js';
import type { Port } from '../inventory.js';
import type { CreatePortRequest } from '../vim-driver.js';
import { allCursorPages } from './cursor-pages.js';
import { toPort } from './extension-mapping.js';
import type { ExtPort } from './extension-wire.js';

/**
 * Ports through the `/vorch/v1/ports` extension, for dialects with no port object of their own (vSphere, KubeVirt):
 * the site's address management allocates what the request leaves out.
 */
export class ExtensionPorts {
  constructor(private readonly http: DialectHttpClient) {}

  async create(req: CreatePortRequest, signal?: AbortSignal): Promise<Port> {
    const body: Record<string, unknown> = { network: req.networkId, name: req.name };
    if (req.mac) body.mac_address = req.mac;
    const ips = requestedIps(req);
    // One address keeps the older single-address field, so an IPv4-only request looks as it always did.
    if (ips?.length === 1) body.ip_address = ips[0];
    else if (ips) body.ip_addresses = ips;
    else if (req.ipFamily) body.ip_version = req.ipFamily;
    return toPort(await this.http.json<ExtPort>({ method: 'POST', path: '/vorch/v1/ports', body, signal }));
  }

  async get(id: string, signal?: AbortSignal): Promise<Port> {
    return toPort(await this.http.json<ExtPort>({ method: 'GET', path: `/vorch/v1/ports/${encodeURIComponent(id)}`, signal }));
  }

  /** The site answers 404 for a network it does not know, which the dialect's error reader makes DriverNotFoundError. */
  async list(networkId: string, signal?: AbortSignal): Promise<Port[]> {
    return (await allCursorPages<ExtPort>(this.http, '/vorch/v1/ports', { network: networkId }, signal)).map(toPort);
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `/vorch/v1/ports/${encodeURIComponent(id)}`, signal });
  }
}
