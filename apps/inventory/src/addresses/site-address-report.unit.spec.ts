import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteAddressReport, type VmRecord } from './site-address-report.js';

const site = { domain: 'tokyo-os', tenantId: 'default' };
const vm = (externalId: string, hostId: string | null, ports: Array<{ mac: string; ips: string[] }>, tenant?: string): VmRecord =>
  ({ externalId, attributes: { hostId, ports, ...(tenant ? { tenant } : {}) } });

describe('siteAddressReport', () => {
  it('gives one canonical entry per port and IP, in the site\'s domain, at the version asked', () => {
    const report = siteAddressReport(site, 42, [vm('vm-1', 'h1', [{ mac: 'FA-16-3E-00-00-01', ips: ['10.0.0.5', '2001:DB8:0::5'] }])]);
    assert.equal(report.version, 42);
    assert.equal(report.domainId, 'tokyo-os');
    assert.deepEqual(report.entries, [
      { mac: 'fa:16:3e:00:00:01', ip: '10.0.0.5', vmId: 'vm-1', hostId: 'h1', domainId: 'tokyo-os', tenantId: 'default' },
      { mac: 'fa:16:3e:00:00:01', ip: '2001:db8::5', vmId: 'vm-1', hostId: 'h1', domainId: 'tokyo-os', tenantId: 'default' },
    ]);
    assert.equal(report.skipped, 0);
  });

  it('uses the VM\'s tenant when the VIM names one, else the site\'s', () => {
    const report = siteAddressReport(site, 1, [vm('a', 'h1', [{ mac: '02:00:00:00:00:01', ips: ['10.0.0.1'] }], 'acme'), vm('b', 'h1', [{ mac: '02:00:00:00:00:02', ips: ['10.0.0.2'] }])]);
    assert.deepEqual(report.entries.map((e) => e.tenantId), ['acme', 'default']);
  });

  it('leaves out what the controller would refuse: no host, no address, an IP the VIM gave to two VMs', () => {
    const report = siteAddressReport(site, 1, [
      vm('a', 'h1', [{ mac: '02:00:00:00:00:01', ips: ['10.0.0.1'] }]),
      vm('b', 'h2', [{ mac: '02:00:00:00:00:02', ips: ['10.0.0.1', 'not-an-ip'] }]),
      vm('c', null, [{ mac: '02:00:00:00:00:03', ips: ['10.0.0.3'] }]),
      vm('d', 'h1', [{ mac: 'nonsense', ips: ['10.0.0.4'] }, { mac: '02:00:00:00:00:05', ips: [] }]),
    ]);
    assert.deepEqual(report.entries.map((e) => [e.vmId, e.ip]), [['a', '10.0.0.1']]);
    assert.equal(report.skipped, 4);
  });

  it('is the same report whatever order the VMs come in, so a version always names one content', () => {
    const vms = [vm('b', 'h1', [{ mac: '02:00:00:00:00:02', ips: ['10.0.0.9'] }]), vm('a', 'h1', [{ mac: '02:00:00:00:00:01', ips: ['10.0.0.9'] }])];
    assert.deepEqual(siteAddressReport(site, 1, vms), siteAddressReport(site, 1, [...vms].reverse()));
    assert.equal(siteAddressReport(site, 1, vms).entries[0]!.vmId, 'a');
  });
});
