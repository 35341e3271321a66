// The hand-kept part of docs/asyncapi.yaml: which input class and which view belong to each subject (names as in
// libs/contracts). A subject constant missing here makes libs/contracts/src/asyncapi-document.unit.spec.ts fail.

/** `c`: the compiled contracts; `leader`: inventory's internal discovery-leader subjects. */
export function channelTable(c, leader) {
  const inv = c.INVENTORY_SUBJECTS;
  const net = c.NETWORK_SUBJECTS;
  const ipam = c.IPAM_SUBJECTS;
  const interop = c.interopSubjects();
  const stats = c.statsSubjects();
  const projections = c.projectionAdminSubjects();
  const requests = [
    [inv.registerSite, 'RegisterSiteInput', 'SiteView', 'Register a site (discovery starts in the background).'],
    [inv.discoverSite, 'SiteIdInput', null, 'Discover a site now; answers the discovery outcome and `site` (SiteView).'],
    [inv.deregisterSite, 'SiteIdInput', null, 'Deregister a site; answers `{ id, deregistered: true }`.'],
    [inv.getSite, 'SiteIdInput', 'SiteView', 'One site.'],
    [inv.listSites, 'ListSitesInput', 'Paged<SiteView>', 'Sites, a page at a time (pass `next` back as `cursor`).'],
    [inv.listHosts, 'ListHostsInput', 'Paged<HostView>', 'Hosts, a page at a time.'],
    [inv.listStorage, 'ListStorageInput', 'Paged<StorageView>', 'Storage, a page at a time.'],
    [inv.capacity, 'CapacityInput', 'CapacityView', 'Capacity per site.'],
    [inv.vim, 'VimOperationInput', null, "Run a VIM operation on a site through its driver; answers the driver's result."],
    [leader.discover, 'SiteIdInput', null, 'Internal to inventory: hand a discovery run to the replica holding the discovery lease.'],
    [leader.forget, 'SiteIdInput', null, 'Internal to inventory: stop watching a site being deregistered; answers `{ forgotten: true }`.'],
    [net.create, 'CreateNetworkInput', 'NetworkView', 'Create a network (answers with `seq`, its position in the stream).'],
    [net.delete, 'NetworkIdInput', 'NetworkView', 'Delete a network.'],
    [net.addSite, 'NetworkSiteInput', 'NetworkView', 'Stretch a network to one more site.'],
    [net.removeSite, 'NetworkSiteInput', 'NetworkView', 'Remove a site from a network.'],
    [net.createPort, 'CreatePortInput', 'PortView', 'Create a port, addressed by the home site.'],
    [net.deletePort, 'PortIdInput', null, 'Delete a port; answers `{ deleted: portId }`.'],
    [net.listPorts, 'ListPortsInput', 'Paged<PortView>', 'Ports of a network, a page at a time.'],
    [net.get, 'GetNetworkInput', 'NetworkView', 'One network.'],
    [net.list, 'ListNetworksInput', 'Paged<NetworkView>', 'Networks, a page at a time.'],
    [ipam.allocate, 'AllocateAddressInput', 'AllocationView', 'Allocate an address from a pool.'],
    [ipam.release, 'ReleaseAddressInput', null, 'Release an allocation; answers `{ released: true }`.'],
    [ipam.listAllocations, 'PoolIdInput', 'Items<AllocationView>', "A pool's allocations."],
    [ipam.setMacPrefix, 'SetMacPrefixInput', 'MacPrefixView', "Register the MAC prefix a site's VIM hands out MACs from (`replace: true` changes it)."],
    [ipam.listMacPrefixes, null, 'Items<MacPrefixView>', 'Every registered MAC prefix; no payload.'],
    [interop.registerResource, 'RegisterInteropResourceInput', 'RegisterInteropResourceResult', 'Register a product/version resource.'],
    [interop.importMatrix, 'ImportMatrixInput', 'ImportMatrixResult', 'Import a matrix (CSV/JSON); progress through get-import.'],
    [interop.getImport, 'GetMatrixImportInput', 'MatrixImportView', 'State and progress of an import.'],
    [interop.getResource, 'GetInteropResourceInput', 'InteropResourceView', 'One resource.'],
    [interop.compatible, 'CompatibleResourcesInput', 'CompatibleResourcesView', 'Resources compatible with one.'],
    [interop.check, 'CheckInteropInput', 'InteropCheckView', 'Do two product versions interoperate?'],
    [interop.interoperatesWith, 'InteroperatesWithInput', 'InteroperatesWithView', 'Resources a resource interoperates with.'],
    [interop.resourceMatrix, 'ResourceMatrixInput', 'ResourceMatrixView', 'The matrix of a set of resources.'],
    [stats.vmBreakdown, 'VmBreakdownInput', 'VmBreakdownView', "A VM's traffic per class over a range."],
    [stats.topTalkers, 'TopTalkersInput', 'TopTalkersView', 'VMs with the most traffic over a range.'],
    [stats.tenantTraffic, 'TenantTrafficInput', 'TenantTrafficView', "The caller's tenant's traffic per class, per domain and per bucket over a range."],
    [stats.domainMatrix, 'DomainMatrixInput', 'DomainMatrixView', 'Traffic from domain to domain over a range.'],
    [stats.datagramCounters, null, 'DatagramCountersView', "The collector's datagram counters; no payload."],
    [projections.status, null, 'ReplicaProjectionsView', "Scatter: every replica of every service answers with its view of its projections (collect replies until a deadline); no payload."],
    [projections.rebuild('{projection}'), 'RebuildProjectionInput', 'ProjectionStatusView', 'Rebuild one projection (`{projection}`: its name) from its stream; served only by the replica leading it, answers at once (state rebuilding).'],
  ];
  const eventStreams = [
    [c.INVENTORY_EVENTS, 'Inventory: sites and what discovery found (InventoryResourceDiscovered among them).'],
    [c.NETWORK_EVENTS.stitching, 'Network stitching: one aggregate per network.'],
    [c.NETWORK_EVENTS.ipam, 'The address ledger: pools, the MAC registry, segment ids.'],
    [c.interopStreams().events, 'Interoperability matrix: resources, entries, imports.'],
    [stats.addressEvents, 'Stats: the per-domain address aggregates.'],
  ];
  return { requests, eventStreams };
}
