export interface MacPrefixAssigned {
  type: 'MacPrefixAssigned';
  data: { site: string; prefix: string };
}

/** The site allocates from `prefix` from now on; MACs it holds from `previous` stay held until released. */
export interface MacPrefixReplaced {
  type: 'MacPrefixReplaced';
  data: { site: string; prefix: string; previous: string };
}

export interface MacAllocated {
  type: 'MacAllocated';
  /** `vorch`: picked from the site's prefix; `site-vim`: chosen by the site's VIM and recorded. */
  data: { site: string; portId: string; mac: string; source: 'vorch' | 'site-vim' };
}

export interface MacReleased {
  type: 'MacReleased';
  data: { portId: string; mac: string };
}

export type MacRegistryEvent = MacPrefixAssigned | MacPrefixReplaced | MacAllocated | MacReleased;
