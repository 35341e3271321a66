/**
 * FNV-1a (32 bit) of a VM id, over its UTF-16 code units: stable across processes, versions and services. Whatever
 * is split by VM (the distributed map's shards, a site's report parts) uses it, so all of a VM's entries land in one
 * place and a VM stays where it was while the split does not change.
 */
export function vmIdHash(vmId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < vmId.length; i++) {
    h ^= vmId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
