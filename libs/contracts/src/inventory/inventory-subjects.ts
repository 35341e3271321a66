/** The inventory service's bus interface. */
export const INVENTORY_SUBJECTS = {
  registerSite: 'cmd.inventory.register-site',
  discoverSite: 'cmd.inventory.discover-site',
  deregisterSite: 'cmd.inventory.deregister-site',
  getSite: 'qry.inventory.get-site',
  listSites: 'qry.inventory.list-sites',
  listHosts: 'qry.inventory.list-hosts',
  listStorage: 'qry.inventory.list-storage',
  capacity: 'qry.inventory.capacity',
  /** Generic VIM operations other services run on a site through its driver (see VimOperationInput). */
  vim: 'cmd.inventory.vim',
} as const;

/** Events of the inventory context: stream EVT_INVENTORY, subjects evt.inventory.site.<siteId>. */
export const INVENTORY_EVENTS = { stream: 'EVT_INVENTORY', subjectPrefix: 'evt.inventory' } as const;
