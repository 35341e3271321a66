import type { SimSite } from '../model/build-site.js';
import type { DialectAdapter } from './dialect-adapter.js';
import { KubeVirtAdapter } from './kubevirt/kubevirt.adapter.js';
import { OpenStackAdapter } from './openstack/openstack.adapter.js';
import { VSphereAdapter } from './vsphere/vsphere.adapter.js';

export function createDialectAdapter(site: SimSite): DialectAdapter {
  const dialect = site.model.dialect;
  switch (dialect) {
    case 'openstack':
      return new OpenStackAdapter(site);
    case 'vsphere':
      return new VSphereAdapter(site);
    case 'kubevirt':
      return new KubeVirtAdapter(site);
    default: {
      const never: never = dialect;
      throw new Error(`unknown dialect ${String(never)}`);
    }
  }
}
