import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dnsLabel, quantityToCores, quantityToMb } from './kube-quantity.js';

describe('Kubernetes quantities', () => {
  it('reads binary and decimal memory suffixes as MiB', () => {
    assert.equal(quantityToMb('4Gi'), 4096);
    assert.equal(quantityToMb('524288Mi'), 524288);
    assert.equal(quantityToMb('2097152Ki'), 2048);
    assert.equal(quantityToMb('1073741824'), 1024);
    assert.equal(quantityToMb('1G'), 954);
  });
  it('reads cores and millicores', () => {
    assert.equal(quantityToCores('64'), 64);
    assert.equal(quantityToCores('4000m'), 4);
  });
  it('turns any name into a valid object name', () => {
    assert.equal(dnsLabel('Web_Server 1'), 'web-server-1');
    assert.equal(dnsLabel('--x--'), 'x');
    assert.equal(dnsLabel('a'.repeat(70)).length, 63);
  });
});
