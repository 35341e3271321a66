import { generateTopology, startInfraSim } from '#vorch/infra-sim';
import { createDriver } from '#vorch/vim-drivers';
import type { DriverHarness } from './driver-harness.js';

const WRONG: Record<string, Record<string, string>> = {
  openstack: { username: 'admin', password: 'not-the-password', project: 'vorch' },
  vsphere: { username: 'administrator@vsphere.local', password: 'not-the-password' },
  kubevirt: { token: 'not-the-token' },
};

/** The admin API names resources by uuid, dialect id or name; a Kubernetes id `<ns>/<name>` goes by its name. */
const adminRef = (externalId: string) => encodeURIComponent(externalId.includes('/') ? externalId.slice(externalId.lastIndexOf('/') + 1) : externalId);

/**
 * An in-process infra-sim holding one site of `dialect` with `hosts` hosts, and the harness the contract
 * suite drives it through (fault injection and behind-the-back changes go through the documented admin API).
 */
export async function infraSimHarness(dialect: 'openstack' | 'vsphere' | 'kubevirt', hosts: number): Promise<DriverHarness> {
  const index = { openstack: 0, vsphere: 1, kubevirt: 2 }[dialect];
  const site = generateTopology({ sites: 3, hostsPerSite: hosts }).sites[index]!;
  const sim = await startInfraSim({ topology: { sites: [site] }, port: 0, timing: { buildMs: 20, migrateMs: 400 } });
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}/admin/sites/${site.name}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    makeDriver: (o = {}) =>
      createDriver({
        dialect,
        endpoint: sim.siteUrl(site.name),
        credentials: o.credentials ?? { ...site.credentials },
        timeoutMs: o.timeoutMs ?? 5000,
        retries: o.retries ?? 3,
        retryBaseDelayMs: o.retryBaseDelayMs ?? 20,
        retryMaxDelayMs: o.retryMaxDelayMs ?? 200,
        pollIntervalMs: 20,
        taskTimeoutMs: 10000,
      }),
    wrongCredentials: WRONG[dialect]!,
    inventory: {
      hosts,
      gpuHosts: site.hostGroups.filter((g) => g.gpus).reduce((n, g) => n + g.count, 0),
      failureDomains: site.failureDomains,
    },
    faults: {
      set: (f) => admin('PUT', '/faults', f),
      clear: () => admin('DELETE', '/faults'),
    },
    behindTheBack: {
      deleteVm: (id) => admin('DELETE', `/resources/vm/${adminRef(id)}`),
      powerOffVm: (id) => admin('PATCH', `/resources/vm/${adminRef(id)}`, { powerState: 'off' }),
      deleteNetwork: (id) => admin('DELETE', `/resources/network/${adminRef(id)}`),
      setHostUp: (id, up) => admin('PUT', `/hosts/${adminRef(id)}/state`, { up }),
    },
    close: () => sim.stop(),
  };
}
