import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError, validateInput } from '#vorch/contracts';
import { DomainAddressReportInput } from './domain-address-report.input.js';

const good = { mac: '02:00:00:00:00:01', ip: '10.0.0.1', vmId: 'vm1', hostId: 'h1', domainId: 'dc1', tenantId: 't1' };

describe('DomainAddressReportInput', () => {
  it('accepts a well-formed report', () => {
    const report = validateInput(DomainAddressReportInput, { domainId: 'dc1', version: 4, entries: [good, { ...good, ip: '2001:db8::1' }] });
    assert.equal(report.entries.length, 2);
  });

  it('names every bad field, nested entries included', () => {
    try {
      validateInput(DomainAddressReportInput, { domainId: '', version: 0, entries: [{ ...good, ip: 'x', mac: 'y', hostId: '' }] });
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof ValidationError);
      const fields = new Set(e.errors?.map((x) => x.field));
      for (const f of ['domainId', 'version', 'entries.0.ip', 'entries.0.mac', 'entries.0.hostId']) assert.ok(fields.has(f), f);
    }
  });
});
