/** The kinds of infrastructure a site's cloud manager reports, normalised across dialects. */
export const RESOURCE_KINDS = ['host', 'storage', 'network', 'virtual-switch', 'security-module', 'vm'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * One piece of a site's inventory as Vorch records it. `externalId` is the cloud manager's own id;
 * `attributes` are the normalised, dialect-free facts (cpu, memoryMb, cpuFeatures, failureDomain, …).
 */
export interface InventoryResource {
  kind: ResourceKind;
  externalId: string;
  name: string;
  attributes: Record<string, unknown>;
}

export function resourceKey(r: Pick<InventoryResource, 'kind' | 'externalId'>): string {
  return `${r.kind}/${r.externalId}`;
}

/** A stable fingerprint of a resource's facts: key order in attributes does not matter, values do. */
export function fingerprint(r: InventoryResource): string {
  return canonical({ name: r.name, attributes: r.attributes });
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
