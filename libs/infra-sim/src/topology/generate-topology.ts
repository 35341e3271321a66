import { DIALECTS, type HostGroupSpec, type SiteSpec, type TopologySpec } from './topology.js';

export interface GenerateOptions {
  sites: number;
  hostsPerSite: number;
  /** Running VMs per host (default 0), one port each on the site's tenant network, so its switches carry traffic. */
  vmsPerHost?: number;
}

type Machine = Omit<HostGroupSpec, 'namePrefix' | 'count' | 'failureDomain'> & { tag: string };

// Four machine types so that placement has something to choose between: confidential computing on either vendor,
// accelerators, and plain capacity.
const MACHINES: Machine[] = [
  { tag: 'amd', cpus: 128, memoryMb: 1_048_576, cpuModel: 'EPYC-Genoa', cpuVendor: 'AMD', cpuFeatures: ['avx2', 'avx512', 'sev-snp'], hypervisor: { type: 'QEMU', version: '8.2.0' }, securityModules: ['tpm', 'sev-snp'] },
  { tag: 'intel', cpus: 96, memoryMb: 786_432, cpuModel: 'SapphireRapids', cpuVendor: 'Intel', cpuFeatures: ['avx2', 'avx512', 'tdx', 'sgx'], hypervisor: { type: 'QEMU', version: '8.2.0' }, securityModules: ['tpm', 'tdx', 'sgx'] },
  { tag: 'gpu', cpus: 64, memoryMb: 524_288, cpuModel: 'EPYC-Milan', cpuVendor: 'AMD', cpuFeatures: ['avx2'], gpus: { model: 'nvidia-a100', count: 4 }, hypervisor: { type: 'QEMU', version: '7.2.0' }, securityModules: ['tpm'] },
  { tag: 'std', cpus: 48, memoryMb: 262_144, cpuModel: 'Cascadelake-Server', cpuVendor: 'Intel', cpuFeatures: ['avx2'], hypervisor: { type: 'QEMU', version: '6.2.0' }, securityModules: [] },
];

const HYPERVISOR_BY_DIALECT = { openstack: { type: 'QEMU' }, vsphere: { type: 'esxi' }, kubevirt: { type: 'kvm' } } as const;

/** A synthetic estate for scale tests and demos: N sites, dialects in turn, M hosts each (see docs/infra-sim.md). */
export function generateTopology({ sites, hostsPerSite, vmsPerHost = 0 }: GenerateOptions): TopologySpec {
  return { sites: Array.from({ length: sites }, (_, i) => generateSite(i + 1, hostsPerSite, vmsPerHost)) };
}

function generateSite(index: number, hosts: number, vmsPerHost: number): SiteSpec {
  const name = `site-${index}`;
  const dialect = DIALECTS[(index - 1) % DIALECTS.length];
  const domains = [`${name}-fd1`, `${name}-fd2`];
  const groups: HostGroupSpec[] = [];
  const slots = MACHINES.length * domains.length;
  for (let slot = 0; slot < slots; slot++) {
    const count = Math.floor(hosts / slots) + (slot < hosts % slots ? 1 : 0);
    if (count === 0) continue;
    const { tag, ...machine } = MACHINES[slot % MACHINES.length];
    const domain = Math.floor(slot / MACHINES.length);
    groups.push({
      ...machine,
      hypervisor: { type: HYPERVISOR_BY_DIALECT[dialect].type, version: machine.hypervisor.version },
      namePrefix: `${name}-${tag}-d${domain + 1}`,
      count,
      failureDomain: domains[domain],
    });
  }
  const octet = index % 256;
  return {
    name,
    dialect,
    credentials: credentialsFor(dialect, name),
    macPrefix: `02:${hex(index >> 8)}:${hex(index & 255)}`,
    failureDomains: domains,
    hostGroups: groups,
    storage: [
      { name: `${name}-array-a`, kind: 'array', capacityGb: 409_600, replication: { modes: ['sync', 'async'], peers: [`${name}-array-b`] }, reachableFrom: [domains[0]] },
      { name: `${name}-array-b`, kind: 'array', capacityGb: 409_600, replication: { modes: ['sync', 'async'], peers: [`${name}-array-a`] }, reachableFrom: [domains[1]] },
      { name: `${name}-pool`, kind: 'pool', capacityGb: 102_400, replication: { modes: [] }, reachableFrom: domains },
    ],
    networks: [
      { name: `${name}-prov`, segment: { type: 'vlan', id: 100 }, subnets: [{ cidr: `10.${octet}.0.0/17`, gateway: `10.${octet}.0.1` }] },
      { name: `${name}-tenant`, segment: { type: 'vxlan', id: 5000 + index }, subnets: [{ cidr: `10.${octet}.128.0/17`, gateway: `10.${octet}.128.1` }] },
    ],
    // Unnamed hosts and one size that fits every machine: round-robin scheduling puts exactly vmsPerHost on each.
    vms: vmsPerHost > 0 ? [{ name: `${name}-vm`, count: hosts * vmsPerHost, network: `${name}-tenant`, cpus: 1, memoryMb: 1024 }] : [],
  };
}

function credentialsFor(dialect: SiteSpec['dialect'], site: string): SiteSpec['credentials'] {
  switch (dialect) {
    case 'openstack':
      return { username: 'admin', password: `secret-${site}`, project: 'vorch' };
    case 'vsphere':
      return { username: 'administrator@vsphere.local', password: `secret-${site}` };
    case 'kubevirt':
      return { token: `token-${site}` };
    default: {
      const never: never = dialect;
      throw new Error(`unknown dialect ${String(never)}`);
    }
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
