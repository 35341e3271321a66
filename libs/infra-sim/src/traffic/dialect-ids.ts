import { KubeVirtIds } from '../dialects/kubevirt/kubevirt-ids.js';
import { VSphereIds } from '../dialects/vsphere/vsphere-ids.js';
import type { SimSite } from '../model/build-site.js';
import type { Host, Vm } from '../model/entities.js';

/** How a site's switches name a VM or a host: as the site's VIM API does. */
export type VimIdOf = (entity: Host | Vm) => string;

/**
 * A switch agent on a real hypervisor knows its VMs and its host by the ids the VIM gives them, and so does the
 * inventory that discovers them through the VIM drivers (their `externalId`); reporting infra-sim's internal UUIDs
 * would make one VM show under two ids. The ids come from the dialect's own id mapping, the one its API serves:
 * openstack the model's UUIDs as they are (Nova server id, hypervisor id), vsphere `vm-<serial>` / `host-<serial>`,
 * kubevirt `<namespace>/<name>` for a VM and the node name for a host.
 */
export function vimIdsOf(site: SimSite): VimIdOf {
  const dialect = site.model.dialect;
  switch (dialect) {
    case 'openstack':
      // What the openstack adapter's ids do: Nova and Placement show the UUIDs unchanged.
      return (entity) => entity.id;
    case 'vsphere': {
      const ids = new VSphereIds(site);
      return (entity) => ids.of(entity);
    }
    case 'kubevirt': {
      const ids = new KubeVirtIds(site);
      return (entity) => ids.of(entity);
    }
    default: {
      const never: never = dialect;
      throw new Error(`unknown dialect ${String(never)}`);
    }
  }
}
