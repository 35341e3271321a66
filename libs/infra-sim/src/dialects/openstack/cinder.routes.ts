import type { Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { SiteModel } from '../../model/site-model.js';

/** Cinder scheduler stats: the site's storage arrays/pools as pools, with replication and (extension) reachability. */
export function addCinderRoutes(routes: RouteTable, model: SiteModel): void {
  routes.add('GET', '/volume/v3/:project/scheduler-stats/get_pools', (): Reply => {
    const poolName = (name: string) => `${model.name}@${name}#${name}`;
    const pools = model.storage.map((s) => ({
      name: poolName(s.name),
      capabilities: {
        pool_name: s.name,
        volume_backend_name: s.name,
        total_capacity_gb: s.capacityGb,
        free_capacity_gb: s.freeGb,
        storage_protocol: 'iSCSI',
        vendor_name: 'VorchSim',
        driver_version: '1.0',
        replication_enabled: s.replicationModes.length > 0,
        replication_type: s.replicationModes.length ? s.replicationModes.join(',') : null,
        replication_targets: s.peerNames.map(poolName),
        'vorch:kind': s.storageKind,
        'vorch:reachable_availability_zones': s.reachableFrom,
      },
    }));
    return { status: 200, body: { pools } };
  });
}
