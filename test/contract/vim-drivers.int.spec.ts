import { infraSimHarness } from './infra-sim-harness.js';
import { runDriverContract } from './vim-driver.contract.js';

// 2,500 hosts per site: enough for several pages at the dialects' maximum page size of 1,000.
const HOSTS = 2500;

runDriverContract('openstack driver against infra-sim', () => infraSimHarness('openstack', HOSTS));
runDriverContract('vsphere driver against infra-sim', () => infraSimHarness('vsphere', HOSTS));
runDriverContract('kubevirt driver against infra-sim', () => infraSimHarness('kubevirt', HOSTS));
