import { canonicalIp, canonicalMac, type AddressEntry } from '#vorch/stats-domain';

/** A VM as the inventory read model holds it (see `vmResource`). */
export interface VmRecord {
  externalId: string;
  attributes: {
    hostId?: string | null;
    tenant?: string | null;
    ports?: Array<{ mac: string; ips: string[] }>;
  };
}

export interface SiteAddressSource {
  /** The site's address domain (`domain` at registration): infra-sim's switches use the site's name, as the demo registers it. */
  domain: string;
  tenantId: string;
}

export interface SiteAddressReport {
  domainId: string;
  version: number;
  entries: AddressEntry[];
  /** Addresses left out: a VM not placed on a host, an address that is not one, an IP the VIM gave to two VMs. */
  skipped: number;
}

/**
 * The site's VMs as one address report: one entry per port and IP. Everything the controller would refuse is left
 * out here, so one odd VM never costs the site its whole report. The VM and host ids are the VIM's own (the ids
 * Vorch knows them by); the tenant is the VM's when the VIM says, else the site's.
 */
export function siteAddressReport(site: SiteAddressSource, version: number, vms: readonly VmRecord[]): SiteAddressReport {
  const entries: AddressEntry[] = [];
  const ipOwner = new Map<string, string>();
  let skipped = 0;
  for (const vm of [...vms].sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))) {
    const { hostId, tenant, ports = [] } = vm.attributes;
    for (const port of ports) {
      const mac = canonicalMac(port.mac);
      for (const raw of port.ips) {
        const ip = canonicalIp(raw);
        const owner = ip && ipOwner.get(ip);
        if (!hostId || !mac || !ip || (owner && owner !== vm.externalId)) {
          skipped++;
          continue;
        }
        ipOwner.set(ip, vm.externalId);
        entries.push({ mac, ip, vmId: vm.externalId, hostId, domainId: site.domain, tenantId: tenant || site.tenantId });
      }
    }
  }
  return { domainId: site.domain, version, entries, skipped };
}
