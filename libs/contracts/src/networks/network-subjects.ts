/** The network-stitching service's bus interface (networks, their sites and their ports). */
export const NETWORK_SUBJECTS = {
  create: 'cmd.networks.create',
  delete: 'cmd.networks.delete',
  addSite: 'cmd.networks.add-site',
  removeSite: 'cmd.networks.remove-site',
  createPort: 'cmd.networks.create-port',
  deletePort: 'cmd.networks.delete-port',
  listPorts: 'qry.networks.list-ports',
  get: 'qry.networks.get',
  list: 'qry.networks.list',
} as const;

/** The address manager's bus interface (pools of a network: allocations by Vorch itself, releases, listing). */
export const IPAM_SUBJECTS = {
  allocate: 'cmd.ipam.allocate',
  release: 'cmd.ipam.release',
  listAllocations: 'qry.ipam.list-allocations',
  /** Registers the MAC prefix a site's VIM hands out MACs from (prefixes never overlap across the federation). */
  setMacPrefix: 'cmd.ipam.set-mac-prefix',
  listMacPrefixes: 'qry.ipam.list-mac-prefixes',
} as const;

/** Event streams: stitching (one aggregate per network) and the address ledger (pools, MAC registry, segment ids). */
export const NETWORK_EVENTS = {
  stitching: { stream: 'EVT_STITCHING', subjectPrefix: 'evt.stitching' },
  ipam: { stream: 'EVT_IPAM', subjectPrefix: 'evt.ipam' },
} as const;
