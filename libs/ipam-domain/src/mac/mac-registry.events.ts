export interface MacPrefixAssigned {
  type: 'MacPrefixAssigned';
  data: { site: string; prefix: string };
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

export type MacRegistryEvent = MacPrefixAssigned | MacAllocated | MacReleased;
