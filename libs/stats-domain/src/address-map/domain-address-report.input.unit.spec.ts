import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError, validateInput } from '#vorch/contracts';
import { DomainAddressReportInput } from './domain-address-report.input.js';
import { MAX_REPORT_PARTS } from './report-part.input.js';

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

  describe('part', () => {
    const fieldsOf = (part: unknown) => {
      try {
        validateInput(DomainAddressReportInput, { domainId: 'dc1', version: 4, entries: [good], part });
        return [];
      } catch (e) {
        assert.ok(e instanceof ValidationError);
        return e.errors!.map((x) => x.field);
      }
    };

    it('is optional, and a valid one is kept', () => {
      assert.equal(validateInput(DomainAddressReportInput, { domainId: 'dc1', version: 4, entries: [] }).part, undefined);
      assert.deepEqual({ ...validateInput(DomainAddressReportInput, { domainId: 'dc1', version: 4, entries: [], part: { index: 2, count: 3 } }).part }, { index: 2, count: 3 });
      assert.deepEqual(fieldsOf({ index: 0, count: 1 }), []);
      assert.deepEqual(fieldsOf({ index: MAX_REPORT_PARTS - 1, count: MAX_REPORT_PARTS }), []);
    });

    it('refuses an index at or past the count, naming part.index', () => {
      assert.deepEqual(fieldsOf({ index: 3, count: 3 }), ['part.index']);
      assert.deepEqual(fieldsOf({ index: 7, count: 2 }), ['part.index']);
    });

    it('refuses what is not a sane pair of integers, naming the field', () => {
      assert.ok(fieldsOf({ index: -1, count: 2 }).includes('part.index'));
      assert.ok(fieldsOf({ index: 0.5, count: 2 }).includes('part.index'));
      assert.ok(fieldsOf({ index: '0', count: 2 }).includes('part.index'));
      assert.ok(fieldsOf({ index: 0, count: 0 }).includes('part.count'));
      assert.ok(fieldsOf({ index: 0, count: MAX_REPORT_PARTS + 1 }).includes('part.count'));
      assert.ok(fieldsOf({ index: 0, count: 2.5 }).includes('part.count'));
      assert.ok(fieldsOf({ index: 0 }).includes('part.count'));
      assert.ok(fieldsOf({ index: 0, count: 2, extra: true }).length > 0, 'unknown fields are refused');
      assert.ok(fieldsOf(5).includes('part'));
    });
  });
});
