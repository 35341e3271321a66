import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, hasPrefix, parseVersion } from './version.js';

const v = (s: string) => parseVersion(s)!;
const cmp = (a: string, b: string) => compareVersions(v(a), v(b));

describe('parseVersion', () => {
  it('reads numbers and words as tokens, whatever separates them', () => {
    assert.deepEqual(v('7.0.3').tokens, [7, 0, 3]);
    assert.deepEqual(v('8.0 U2').tokens, [8, 0, 'u', 2]);
    assert.deepEqual(v('8.0u2').tokens, [8, 0, 'u', 2]);
    assert.deepEqual(v('8.0 Update 2').tokens, [8, 0, 'u', 2]);
    assert.deepEqual(v('4.18.0-348.el8').tokens, [4, 18, 0, 348, 'el', 8]);
    assert.deepEqual(v('22.04').tokens, [22, 4]);
  });

  it('refuses text with no version in it', () => {
    assert.equal(parseVersion(''), undefined);
    assert.equal(parseVersion(' .- '), undefined);
  });
});

describe('compareVersions', () => {
  it('compares numbers as numbers, not text', () => {
    assert.ok(cmp('7.10', '7.9') > 0);
    assert.ok(cmp('22.04', '20.10') > 0);
    assert.equal(cmp('22.04', '22.4'), 0);
  });

  it('orders update levels after the release they update', () => {
    assert.ok(cmp('8.0 U2', '8.0') > 0);
    assert.ok(cmp('8.0 U2', '8.0 U1') > 0);
    assert.ok(cmp('8.0 U3', '8.0.1') < 0, 'a number outranks a word at the same position');
  });

  it('orders pre-releases before their release', () => {
    assert.ok(cmp('1.0 rc1', '1.0') < 0);
    assert.ok(cmp('1.0-beta', '1.0') < 0);
  });

  it('orders kernel builds', () => {
    assert.ok(cmp('4.18.0-348.el8', '4.18.0-305.el8') > 0);
    assert.ok(cmp('4.18.0-348.el8', '5.14.0') < 0);
  });

  it('sees one version in two spellings as equal', () => {
    assert.equal(cmp('8.0 U2', '8.0u2'), 0);
  });
});

describe('hasPrefix', () => {
  it('is true for more specific versions of the prefix only', () => {
    assert.ok(hasPrefix(v('8.0 U2'), v('8.0')));
    assert.ok(hasPrefix(v('8.0.1'), v('8.0')));
    assert.ok(hasPrefix(v('8.01'), v('8.1')), '8.01 and 8.1 are the same tokens');
    assert.ok(!hasPrefix(v('8'), v('8.0')));
    assert.ok(!hasPrefix(v('80.1'), v('8')));
  });
});
