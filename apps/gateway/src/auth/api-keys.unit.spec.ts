import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyRing, bearerKey } from './api-keys.js';

describe('ApiKeyRing', () => {
  it('resolves each configured key to its tenant and role', () => {
    const ring = ApiKeyRing.parse(' a1=acme:admin , v1=acme:viewer,o2=globex:operator,');
    assert.equal(ring.size, 3);
    assert.deepEqual(
      [ring.principalFor('a1'), ring.principalFor('v1'), ring.principalFor('o2')].map((p) => [p?.tenantId, p?.role]),
      [['acme', 'admin'], ['acme', 'viewer'], ['globex', 'operator']],
    );
  });

  it('refuses unknown keys, prefixes and case variants', () => {
    const ring = ApiKeyRing.parse('secret-key=acme:admin');
    assert.equal(ring.principalFor('secret-ke'), undefined);
    assert.equal(ring.principalFor('SECRET-KEY'), undefined);
    assert.equal(ring.principalFor(''), undefined);
  });

  it('splits on the last = and :, so keys may carry base64 padding', () => {
    const ring = ApiKeyRing.parse('YWJjZA===acme:operator');
    assert.equal(ring.principalFor('YWJjZA==')?.role, 'operator');
  });

  it('gives a stable key id that does not contain the key', () => {
    const p = ApiKeyRing.parse('my-secret=acme:viewer').principalFor('my-secret');
    assert.match(p?.keyId ?? '', /^key-[0-9a-f]{12}$/);
    assert.equal(p?.keyId, ApiKeyRing.parse('my-secret=other:admin').principalFor('my-secret')?.keyId);
    assert.ok(!p?.keyId.includes('my-secret'));
  });

  it('fails on a malformed entry without echoing the secret', () => {
    for (const spec of ['k=acme:root', 'k=acme', 'k=:viewer', '=acme:viewer', 'justakey']) {
      assert.throws(() => ApiKeyRing.parse(`ok=t:viewer,${spec}`), (err: Error) => {
        assert.match(err.message, /entry #2/);
        assert.ok(!err.message.includes(spec));
        return true;
      });
    }
  });

  it('accepts an empty or missing specification as no keys', () => {
    assert.equal(ApiKeyRing.parse(undefined).size, 0);
    assert.equal(ApiKeyRing.parse('').principalFor(''), undefined);
  });
});

describe('bearerKey', () => {
  it('takes the token of a Bearer header, any case of the scheme', () => {
    assert.equal(bearerKey('Bearer abc'), 'abc');
    assert.equal(bearerKey('bearer   abc '), 'abc');
  });

  it('refuses other schemes and shapes', () => {
    for (const h of ['Basic abc', 'Bearer', 'Bearer a b', 'abc', undefined, ['Bearer abc']]) assert.equal(bearerKey(h), undefined);
  });
});
