import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseVersion } from './version.js';
import { parseVersionRange, rangeContains } from './version-range.js';

function contains(range: string, version: string): boolean {
  const r = parseVersionRange(range);
  assert.ok(r.ok, `range ${range} should parse`);
  return rangeContains(r.range, parseVersion(version)!);
}

describe('version ranges', () => {
  it('a bare version holds itself and every more specific version', () => {
    assert.ok(contains('8.0', '8.0'));
    assert.ok(contains('8.0', '8.0 U2'));
    assert.ok(contains('8.0', '8.0.1'));
    assert.ok(!contains('8.0', '8.1'));
    assert.ok(!contains('8.0', '7.0'));
  });

  it('wildcards mean the same as a bare prefix', () => {
    assert.ok(contains('7.x', '7.0.3'));
    assert.ok(contains('7.0.*', '7.0.3'));
    assert.ok(!contains('7.x', '8.0'));
    assert.ok(contains('*', 'anything 1'));
    assert.ok(contains('', '1'));
  });

  it('= means exactly that version', () => {
    assert.ok(contains('=7.0.3', '7.0.3'));
    assert.ok(!contains('=7.0.3', '7.0.3 build 5'));
  });

  it('comparators all hold, and versions inside them may contain spaces', () => {
    assert.ok(contains('>=7.0 <8.0', '7.0.3'));
    assert.ok(!contains('>=7.0 <8.0', '8.0'));
    assert.ok(contains('>=8.0 U2, <9', '8.0 U3'));
    assert.ok(!contains('>=8.0 U2, <9', '8.0 U1'));
    assert.ok(contains('>4.18.0-305.el8', '4.18.0-348.el8'));
  });

  it('a hyphen range includes the upper end and its more specific versions', () => {
    assert.ok(contains('7.0 - 8.0', '7.0'));
    assert.ok(contains('7.0 - 8.0', '8.0 U3'));
    assert.ok(!contains('7.0 - 8.0', '8.1'));
    assert.ok(!contains('7.0 - 8.0', '6.7'));
  });

  it('alternatives hold when either side does', () => {
    assert.ok(contains('6.7 || >=7.0.2', '6.7 U3'));
    assert.ok(contains('6.7 || >=7.0.2', '7.0.3'));
    assert.ok(!contains('6.7 || >=7.0.2', '7.0.1'));
  });

  it('refuses ranges that are not ranges, saying why', () => {
    for (const bad of ['>=', '7.0 >= 8', '9 - 8', '1 - 2 - 3', '>=7 || <', '@@']) {
      const r = parseVersionRange(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.ok(r.message.length > 0);
    }
  });

  it('keeps the written form with whitespace collapsed as its identity', () => {
    const r = parseVersionRange('  >=7.0    <8.0 ');
    assert.ok(r.ok);
    assert.equal(r.range.raw, '>=7.0 <8.0');
  });
});
