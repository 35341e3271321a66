import { validateInput } from '#vorch/contracts';
import { DriverOptions, resolveOptions } from './driver-options.js';
import { KubevirtDriver } from './kubevirt/kubevirt-driver.js';
import { OpenStackDriver } from './openstack/openstack-driver.js';
import type { VimDriver } from './vim-driver.js';
import { VsphereDriver } from './vsphere/vsphere-driver.js';

/**
 * The one way to get a driver for a site. Options are validated (ValidationError names each bad field);
 * nothing is sent until the first call, so creating a driver for a site that is down succeeds.
 */
export function createDriver(options: unknown): VimDriver {
  const o = resolveOptions(validateInput(DriverOptions, options));
  switch (o.dialect) {
    case 'openstack':
      return new OpenStackDriver(o);
    case 'vsphere':
      return new VsphereDriver(o);
    case 'kubevirt':
      return new KubevirtDriver(o);
    default: {
      const never: never = o.dialect;
      throw new Error(`no driver for dialect ${String(never)}`);
    }
  }
}
