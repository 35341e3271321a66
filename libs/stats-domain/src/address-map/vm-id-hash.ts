/** FNV-1a (32 bit) over a string's UTF-16 code units: a stable hash, the same in every process, version and service. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The hash of a VM id. Whatever is split by VM (the distributed map's shards, a site's report parts) uses it, so
 * all of a VM's entries land in one place and a VM stays where it was while the split does not change.
 */
export function vmIdHash(vmId: string): number {
  return fnv1a32(vmId);
}
