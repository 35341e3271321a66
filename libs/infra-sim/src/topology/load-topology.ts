import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateInput, ValidationError, type FieldError } from '#vorch/contracts';
import { TopologySpec, type SiteSpec } from './topology.js';

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
  const errors = topology.sites.flatMap((site, i) => referenceErrors(site, `sites.${i}`));
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
