/**
 * Gives a site's VIM the prefix Vorch allocates its MACs from. Prefixes of different sites never overlap. A site
 * that has one keeps it unless `replace` is set (its VIM was given a new base MAC): MACs already held stay held.
 */
export interface AssignMacPrefix {
  type: 'AssignMacPrefix';
  site: string;
  prefix: string;
  replace?: boolean;
}

/** Vorch picks the next free MAC of the site's prefix. Repeating it for the same port returns the same MAC. */
export interface AllocateMac {
  type: 'AllocateMac';
  site: string;
  portId: string;
}

/** A site's VIM chose this MAC itself: recorded, so that no allocator ever hands it out again. */
export interface RecordMac {
  type: 'RecordMac';
  site: string;
  portId: string;
  mac: string;
}

export interface ReleaseMac {
  type: 'ReleaseMac';
  mac: string;
  portId?: string;
}

export type MacRegistryCommand = AssignMacPrefix | AllocateMac | RecordMac | ReleaseMac;
