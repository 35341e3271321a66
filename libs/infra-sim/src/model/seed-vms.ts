import { ValidationError, VorchError, type FieldError } from '#vorch/contracts';
import { groupMemberName } from '../topology/group-names.js';
import type { VmSpec } from '../topology/topology.js';
import type { SimSite } from './build-site.js';

/**
 * Creates the VMs a topology says the site already runs, through the same `createVm` a dialect's request goes
 * through: the site's scheduler picks the host when none is named, the port gets the network's next free IP and
 * the site's next MAC. Ids derive from the names (as hosts' do), so statistics and inventory keep following the same
 * VMs when the simulator restarts. A VM that cannot be made is a `ValidationError` naming its entry (`vms.<j>`), so a
 * topology file with too many VMs for its hosts is refused like any other bad field.
 */
export function seedVms(site: SimSite, specs: readonly VmSpec[]): void {
  specs.forEach((spec, j) => {
    const at = `vms.${j}`;
    const network = site.model.networksByKey.get(`default/${spec.network}`);
    if (!network) throw invalid({ field: `${at}.network`, message: `unknown network ${spec.network}` });
    const host = spec.host === undefined ? undefined : site.model.hostsByName.get(spec.host);
    if (spec.host !== undefined && !host) throw invalid({ field: `${at}.host`, message: `unknown host ${spec.host}` });
    const count = spec.count ?? 1;
    for (let i = 1; i <= count; i++) {
      const name = spec.count === undefined ? spec.name : groupMemberName(spec.name, i, count);
      try {
        site.compute.createVm({
          id: site.model.stableId(`vm/${name}`),
          name,
          hostId: host?.id,
          vcpus: spec.cpus,
          memoryMb: spec.memoryMb,
          nics: [{ name: 'nic0', networkId: network.id }],
          start: spec.powerState === 'off' ? 'off' : 'now',
          metadata: spec.tenant ? { tenant: spec.tenant } : {},
          uniqueName: true,
        });
      } catch (err) {
        if (err instanceof VorchError) throw invalid({ field: at, message: `vm ${name}: ${err.message}` });
        throw err;
      }
    }
  });
}

function invalid(error: FieldError): ValidationError {
  return new ValidationError([error], 'The topology is invalid');
}
