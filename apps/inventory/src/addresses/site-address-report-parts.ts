import { MAX_REPORT_PARTS, vmIdHash, type AddressEntry } from '#vorch/stats-domain';

/** Most VMs one part holds: ~110 bytes per entry keeps a part near 220 KB, far below the 1 MB NATS payload limit. */
export const MAX_PART_VMS = 2000;
/** Most bytes of entries one part holds, whatever its VM count (a VM may have many ports and IPs). */
export const MAX_PART_BYTES = 512 * 1024;

/** One message's worth of a site's report: the entries of the VMs whose id hashes to `index` modulo `count`. */
export interface SiteReportPart {
  index: number;
  count: number;
  entries: AddressEntry[];
  /** The part's domain and entries as text: what decides whether the part changed since it was last sent. */
  content: string;
}

/** What was last accepted for a site: the split's count and each part's content (absent: not sent yet). */
export interface SentSiteParts {
  count: number;
  contents: Array<string | undefined>;
}

interface VmSize {
  hash: number;
  /** Its entries' JSON, with a separator each. */
  bytes: number;
}

export const partOfVm = (vmId: string, count: number) => vmIdHash(vmId) % count;

/**
 * Splits a site's entries by VM into a power-of-two number of parts, each within MAX_PART_VMS and MAX_PART_BYTES,
 * so no message nears the payload limit. The VM id's hash picks the part, so all of a VM's entries are in one part
 * and a VM stays in its part while the count holds: a change to one VM changes one part. `held` (the count last
 * sent) is kept while the site still fits it, and given up only when the site fits half as many parts at half the
 * limits, so a site near a limit does not flip between two counts (each change of count re-sends every part).
 */
export function splitSiteAddressEntries(domainId: string, entries: readonly AddressEntry[], held?: number): SiteReportPart[] {
  // 1. per VM: its hash and its size (entries keep the report's order, so a part's text is stable)
  const vms = new Map<string, VmSize>();
  for (const e of entries) {
    const vm = vms.get(e.vmId) ?? { hash: vmIdHash(e.vmId), bytes: 0 };
    vm.bytes += JSON.stringify(e).length + 1;
    vms.set(e.vmId, vm);
  }
  // 2. the count: the smallest that fits, or the one held while it still fits comfortably
  const needed = smallestFit([...vms.values()], 1);
  const count = held !== undefined && isPowerOfTwo(held) && held >= needed ? Math.min(held, smallestFit([...vms.values()], 0.5)) : needed;
  // 3. the parts
  const parts = Array.from({ length: count }, (): AddressEntry[] => []);
  for (const e of entries) parts[vms.get(e.vmId)!.hash % count]!.push(e);
  return parts.map((list, index) => ({ index, count, entries: list, content: JSON.stringify([domainId, list]) }));
}

/**
 * The parts to publish: every part when the count changed (a new split is a new set of sources at the collector,
 * and its last part is what drops the old split there), else only the parts whose content changed.
 */
export function partsToSend(parts: readonly SiteReportPart[], sent: SentSiteParts | undefined): SiteReportPart[] {
  if (!sent || sent.count !== parts.length) return [...parts];
  return parts.filter((p) => sent.contents[p.index] !== p.content);
}

/** Smallest power-of-two count whose every part stays within `scale` times the limits (at most MAX_REPORT_PARTS). */
function smallestFit(vms: readonly VmSize[], scale: number): number {
  for (let count = 1; ; count *= 2) {
    const vmCount = new Array<number>(count).fill(0);
    const bytes = new Array<number>(count).fill(0);
    for (const vm of vms) {
      const part = vm.hash % count;
      vmCount[part] = (vmCount[part] ?? 0) + 1;
      bytes[part] = (bytes[part] ?? 0) + vm.bytes;
    }
    const fits = vmCount.every((n, i) => n <= MAX_PART_VMS * scale && bytes[i]! <= MAX_PART_BYTES * scale);
    if (fits || count >= MAX_REPORT_PARTS) return count;
  }
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_REPORT_PARTS && (n & (n - 1)) === 0;
