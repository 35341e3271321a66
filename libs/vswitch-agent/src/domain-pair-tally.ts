import type { AddressEntry } from '#vorch/stats-domain';
import type { DomainPairRowInput } from '#vorch/contracts';

/** Domain name used for an end the address map does not know. */
export const EXTERNAL_DOMAIN = 'external';

/**
 * Bytes, packets and flows from one domain to another over one interval: the cells of the domain-to-domain
 * matrix. Unknown ends count under `external` rather than vanish, like everywhere else in the classifier.
 */
export class DomainPairTally {
  private cells = new Map<string, { srcDomainId: string; dstDomainId: string; bytes: number; packets: number; flows: number }>();

  add(src: AddressEntry | undefined, dst: AddressEntry | undefined, bytes: number, packets: number, flows: number): void {
    const srcDomainId = src?.domainId ?? EXTERNAL_DOMAIN;
    const dstDomainId = dst?.domainId ?? EXTERNAL_DOMAIN;
    const key = `${srcDomainId}\u0000${dstDomainId}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { srcDomainId, dstDomainId, bytes: 0, packets: 0, flows: 0 };
      this.cells.set(key, c);
    }
    c.bytes += bytes;
    c.packets += packets;
    c.flows += flows;
  }

  drain(): DomainPairRowInput[] {
    const rows = [...this.cells.values()];
    this.cells = new Map();
    return rows;
  }
}
