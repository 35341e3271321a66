import { seededRandom } from '#vorch/ipam-domain';
import { fnv1a32 } from '#vorch/stats-domain';
import { groupMemberName } from '../topology/group-names.js';
import type { FlavorSpec, SiteSpec, VSwitchKind } from '../topology/topology.js';
import type { Flavor, Host } from './entities.js';
import { formatAddress } from './ip-block.js';
import { SiteCompute } from './site-compute.js';
import { SiteFaults } from './site-faults.js';
import { SiteModel, type SiteTiming } from './site-model.js';
import { SiteNetworking } from './site-networking.js';
import { seedVms } from './seed-vms.js';

/** One simulated site: its state, the operations on it and its injected faults. */
export interface SimSite {
  model: SiteModel;
  networking: SiteNetworking;
  compute: SiteCompute;
  faults: SiteFaults;
}

const DEFAULT_FLAVORS: FlavorSpec[] = [
  { name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 },
  { name: 'm1.medium', vcpus: 2, ramMb: 4096, diskGb: 40 },
  { name: 'm1.large', vcpus: 4, ramMb: 8192, diskGb: 80 },
  { name: 'g1.gpu', vcpus: 8, ramMb: 65536, diskGb: 100, gpus: 1 },
];

const DEFAULT_VSWITCH: Record<SiteSpec['dialect'], VSwitchKind> = { openstack: 'ovs', vsphere: 'vds', kubevirt: 'ovs-cni' };

export interface BuildOptions {
  timing?: Partial<SiteTiming>;
  /** How many changes the site's feed keeps (default 100,000). */
  changeRetention?: number;
}

export function buildSite(spec: SiteSpec, { timing: timingOverride, changeRetention }: BuildOptions = {}): SimSite {
  const timing: SiteTiming = {
    buildMs: timingOverride?.buildMs ?? spec.timing?.buildMs ?? 200,
    migrateMs: timingOverride?.migrateMs ?? spec.timing?.migrateMs ?? 500,
  };
  const model = new SiteModel({
    name: spec.name,
    dialect: spec.dialect,
    credentials: spec.credentials,
    macPrefix: spec.macPrefix,
    failureDomains: spec.failureDomains,
    timing,
    flavors: [],
  }, changeRetention);
  model.identity.flavors.push(...(spec.flavors ?? DEFAULT_FLAVORS).map((f) => flavorOf(model, f)));
  const vswitchKind = spec.vswitchKind ?? DEFAULT_VSWITCH[spec.dialect];
  const createdAt = model.createdAt;
  let hostIndex = 0;
  for (const group of spec.hostGroups) {
    for (let i = 1; i <= group.count; i++) {
      const name = groupMemberName(group.namePrefix, i, group.count);
      hostIndex++;
      const host: Host = {
        kind: 'host',
        id: model.stableId(name),
        serial: model.nextSerial(),
        name,
        failureDomain: group.failureDomain,
        cpus: group.cpus,
        memoryMb: group.memoryMb,
        cpuModel: group.cpuModel,
        cpuVendor: group.cpuVendor,
        // Shared arrays: 50,000 hosts of a few groups should not hold 50,000 copies of the same lists.
        cpuFeatures: group.cpuFeatures,
        gpus: group.gpus ? { model: group.gpus.model, count: group.gpus.count } : undefined,
        hypervisor: group.hypervisor,
        securityModules: group.securityModules,
        vswitchKind,
        ip: formatAddress(4, BigInt(((172 << 24) >>> 0) + (16 << 16) + hostIndex)),
        up: true,
        usedCpus: 0,
        usedMemoryMb: 0,
        usedGpus: 0,
        version: 1,
        createdAt,
      };
      model.addHost(host);
    }
  }
  for (const s of spec.storage) {
    model.storage.push({
      kind: 'storage',
      id: model.stableId(`storage/${s.name}`),
      serial: model.nextSerial(),
      name: s.name,
      storageKind: s.kind,
      capacityGb: s.capacityGb,
      freeGb: s.capacityGb,
      replicationModes: s.replication.modes,
      peerNames: s.replication.peers ?? [],
      reachableFrom: s.reachableFrom,
      version: 1,
      createdAt,
    });
  }
  const networking = new SiteNetworking(model);
  const compute = new SiteCompute(model, networking);
  for (const n of spec.networks) networking.createNetwork({ name: n.name, segment: n.segment, subnets: n.subnets, uniqueName: true });
  // Injected failures follow a sequence fixed by the site's name: a test that injects them fails, or passes, the same way every run.
  const site: SimSite = { model, networking, compute, faults: new SiteFaults(seededRandom(fnv1a32(spec.name))) };
  seedVms(site, spec.vms ?? []);
  return site;
}

function flavorOf(model: SiteModel, f: FlavorSpec): Flavor {
  return { id: model.stableId(`flavor/${f.name}`), name: f.name, vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb, gpus: f.gpus ?? 0 };
}
