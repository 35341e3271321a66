import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateInput, ValidationError, type FieldError } from '#vorch/contracts';
import { cidrContains, parseCidr, parseIp } from '#vorch/ipam-domain';
import { buildSite } from '../model/build-site.js';
import { isGroupMember } from './group-names.js';
import { TopologySpec, type HostGroupSpec, type SiteSpec } from './topology.js';

/** Reads and validates a topology YAML file; see docs/infra-sim.md for its shape. */
export function loadTopologyFile(path: string): TopologySpec {
  return parseTopology(readFileSync(path, 'utf8'));
}

export function parseTopology(yamlText: string): TopologySpec {
  return validateTopology(parse(yamlText));
}

/**
 * Validates shape with class-validator, then the references between parts, which a per-field check cannot see:
 * a typo in a failure domain would otherwise silently make a storage array reachable from nowhere.
 */
export function validateTopology(input: unknown): TopologySpec {
  const topology = validateInput(TopologySpec, input);
  const errors = topology.sites.flatMap((site, i) => {
    const found = [...referenceErrors(site, `sites.${i}`), ...subnetErrors(site, `sites.${i}`), ...vmErrors(site, `sites.${i}`)];
    return found.length ? found : placementErrors(site, `sites.${i}`);
  });
  const names = new Set<string>();
  topology.sites.forEach((site, i) => {
    if (names.has(site.name)) errors.push({ field: `sites.${i}.name`, message: `site name ${site.name} is used twice` });
    names.add(site.name);
  });
  if (errors.length) throw new ValidationError(errors, 'The topology is invalid');
  return topology;
}

function referenceErrors(site: SiteSpec, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const domains = new Set(site.failureDomains);
  const storageNames = new Set(site.storage.map((s) => s.name));
  const credentialsNeeded = site.dialect === 'kubevirt' ? ['token'] : ['username', 'password'];
  for (const key of credentialsNeeded) {
    if (!site.credentials[key as keyof typeof site.credentials]) {
      errors.push({ field: `${at}.credentials.${key}`, message: `a ${site.dialect} site needs credentials.${key}` });
    }
  }
  site.hostGroups.forEach((g, j) => {
    if (!domains.has(g.failureDomain)) {
      errors.push({ field: `${at}.hostGroups.${j}.failureDomain`, message: `unknown failure domain ${g.failureDomain}` });
    }
  });
  site.storage.forEach((s, j) => {
    for (const d of s.reachableFrom) {
      if (!domains.has(d)) errors.push({ field: `${at}.storage.${j}.reachableFrom`, message: `unknown failure domain ${d}` });
    }
    for (const p of s.replication.peers ?? []) {
      if (!storageNames.has(p)) errors.push({ field: `${at}.storage.${j}.replication.peers`, message: `unknown storage ${p}` });
    }
  });
  const prefixes = new Set<string>();
  site.hostGroups.forEach((g, j) => {
    if (prefixes.has(g.namePrefix)) errors.push({ field: `${at}.hostGroups.${j}.namePrefix`, message: `name prefix ${g.namePrefix} is used twice` });
    prefixes.add(g.namePrefix);
  });
  return errors;
}

/** Each subnet a real IPv4 or IPv6 prefix, at most one per family in a network, its gateway inside it. */
function subnetErrors(site: SiteSpec, at: string): FieldError[] {
  const errors: FieldError[] = [];
  site.networks.forEach((network, j) => {
    const families = new Set<number>();
    network.subnets.forEach((subnet, k) => {
      const path = `${at}.networks.${j}.subnets.${k}`;
      let cidr: ReturnType<typeof parseCidr>;
      try {
        cidr = parseCidr(subnet.cidr);
      } catch (err) {
        errors.push({ field: `${path}.cidr`, message: (err as Error).message });
        return;
      }
      if (families.has(cidr.family)) errors.push({ field: `${path}.cidr`, message: `network ${network.name} already has an IPv${cidr.family} subnet` });
      families.add(cidr.family);
      if (subnet.gateway === undefined) return;
      const gateway = parseIp(subnet.gateway);
      if (gateway.family !== cidr.family || !cidrContains(cidr, gateway)) errors.push({ field: `${path}.gateway`, message: `${subnet.gateway} is not inside ${subnet.cidr}` });
    });
  });
  return errors;
}

/** What can be told about a site's VMs without placing them: the network and host they name, and their size. */
function vmErrors(site: SiteSpec, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const networks = new Set(site.networks.map((n) => n.name));
  (site.vms ?? []).forEach((vm, j) => {
    const path = `${at}.vms.${j}`;
    if (!networks.has(vm.network)) errors.push({ field: `${path}.network`, message: `unknown network ${vm.network}` });
    let groups: HostGroupSpec[] = site.hostGroups;
    if (vm.host !== undefined) {
      groups = site.hostGroups.filter((g) => isGroupMember(vm.host as string, g.namePrefix, g.count));
      if (groups.length === 0) {
        errors.push({ field: `${path}.host`, message: `unknown host ${vm.host}` });
        return;
      }
    }
    const where = vm.host ?? 'any host of the site';
    const withCpus = groups.filter((g) => g.cpus >= vm.cpus);
    if (withCpus.length === 0) errors.push({ field: `${path}.cpus`, message: `${vm.cpus} vCPUs are more than ${where} has` });
    else if (!withCpus.some((g) => g.memoryMb >= vm.memoryMb)) {
      errors.push({ field: `${path}.memoryMb`, message: `${vm.memoryMb} MB with ${vm.cpus} vCPUs are more than ${where} has` });
    }
  });
  return errors;
}

/**
 * Whether the VMs fit together depends on the order the scheduler places them in, so the exact check is to place
 * them: the site is built once here and thrown away (only for sites that have VMs).
 */
function placementErrors(site: SiteSpec, at: string): FieldError[] {
  if (!site.vms?.length) return [];
  try {
    buildSite(site).model.dispose();
    return [];
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return (err.errors ?? []).map((e) => ({ field: `${at}.${e.field}`, message: e.message }));
  }
}
