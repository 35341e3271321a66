import type { SiteSpec } from '../topology/topology.js';
import { buildSite, type SimSite } from './build-site.js';

/** A small site for model tests: two zones of two hosts each, one network with a /28. */
export function smallSiteSpec(overrides: Partial<SiteSpec> = {}): SiteSpec {
  const group = (namePrefix: string, failureDomain: string) => ({
    namePrefix,
    count: 2,
    failureDomain,
    cpus: 8,
    memoryMb: 16384,
    cpuModel: 'EPYC',
    cpuVendor: 'AMD',
    cpuFeatures: ['sev-snp'],
    hypervisor: { type: 'QEMU', version: '8.2.0' },
    securityModules: ['tpm' as const],
  });
  return {
    name: 'test-site',
    dialect: 'openstack',
    credentials: { username: 'u', password: 'p', project: 'vorch' },
    macPrefix: 'fa:16:3e:99',
    failureDomains: ['z1', 'z2'],
    hostGroups: [group('a', 'z1'), group('b', 'z2')],
    storage: [],
    networks: [{ name: 'net', segment: { type: 'vlan', id: 10 }, subnets: [{ cidr: '10.0.0.0/28', gateway: '10.0.0.1' }] }],
    ...overrides,
  };
}

export function smallSite(timing = { buildMs: 5, migrateMs: 10 }): SimSite {
  return buildSite(smallSiteSpec(), { timing });
}
