import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { counterpartOf, entryMatches, resolveVerdict, type EffectiveEntry } from './entry-matching.js';
import { normalizeEntry, type MatrixEntryInput } from './matrix-entry.js';
import { parseProductRef } from './product-ref.js';

const ref = (s: string) => parseProductRef(s)!;
let nextRank = 0;
const entry = (input: MatrixEntryInput, tenantId: string | null = null, id = `e${++nextRank}`): EffectiveEntry => ({
  ...normalizeEntry(input),
  id,
  tenantId,
  rank: ++nextRank,
});

const esxiUbuntu = entry({ productA: 'ESXi', versionsA: '>=7.0 <9', productB: 'Ubuntu', versionsB: '22.04', support: 'supported' });

describe('matrix entry matching', () => {
  it('matches the pair in either order, product names case-insensitively', () => {
    assert.ok(entryMatches(esxiUbuntu, ref('esxi@8.0 U2'), ref('ubuntu@22.04.3')));
    assert.ok(entryMatches(esxiUbuntu, ref('Ubuntu@22.04'), ref('ESXi@7.0.3')));
  });

  it('does not match a version outside either range', () => {
    assert.ok(!entryMatches(esxiUbuntu, ref('ESXi@6.7'), ref('Ubuntu@22.04')));
    assert.ok(!entryMatches(esxiUbuntu, ref('ESXi@8.0'), ref('Ubuntu@20.04')));
    assert.ok(!entryMatches(esxiUbuntu, ref('ESXi@8.0'), ref('Debian@22.04')));
  });

  it('names the other side for a product in range', () => {
    assert.deepEqual(counterpartOf(esxiUbuntu, ref('ubuntu@22.04')), { product: 'ESXi', productKey: 'esxi', versions: '>=7.0 <9' });
    assert.equal(counterpartOf(esxiUbuntu, ref('ubuntu@24.04')), undefined);
  });

  it('stores "A with B" and "B with A" as one statement', () => {
    const ab = normalizeEntry({ productA: 'ESXi', versionsA: '8.0', productB: 'Ubuntu', versionsB: '22.04', support: 'supported' });
    const ba = normalizeEntry({ productA: 'ubuntu ', versionsA: '22.04', productB: 'ESXi', versionsB: '8.0', support: 'unsupported' });
    assert.equal(ab.key, ba.key);
  });
});

describe('which entry decides', () => {
  const a = ref('ESXi@8.0 U2');
  const b = ref('Ubuntu@22.04');

  it('given a global and a tenant entry, the tenant own entry decides', () => {
    const tenant = entry({ productA: 'ESXi', versionsA: '8.0', productB: 'Ubuntu', versionsB: '*', support: 'conditional', note: 'needs vmxnet3' }, 'acme');
    const global = entry({ productA: 'ESXi', versionsA: '8.0 U2', productB: 'Ubuntu', versionsB: '22.04', support: 'unsupported' });
    const verdict = resolveVerdict([tenant, global, esxiUbuntu], a, b);
    assert.equal(verdict.decisive?.id, tenant.id);
    assert.equal(verdict.matched.length, 3);
  });

  it('given two global entries, the most recent one decides', () => {
    const later = entry({ productA: 'ESXi', versionsA: '8.0', productB: 'Ubuntu', versionsB: '22.04', support: 'unsupported' });
    assert.equal(resolveVerdict([esxiUbuntu, later], a, b).decisive?.id, later.id);
  });

  it('given no matching entry, nothing decides', () => {
    const verdict = resolveVerdict([esxiUbuntu], a, ref('Windows@2022'));
    assert.equal(verdict.decisive, undefined);
    assert.deepEqual(verdict.matched, []);
  });
});
