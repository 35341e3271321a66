import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialSealer } from './credential-sealer.js';

const key = 'a'.repeat(64);

describe('CredentialSealer', () => {
  const sealer = new CredentialSealer(key);

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const sealed = sealer.seal('site-1', { username: 'admin', password: 's3cret-pass' });
    assert.ok(!sealed.includes('s3cret'));
    assert.deepEqual(sealer.open('site-1', sealed), { username: 'admin', password: 's3cret-pass' });
  });

  it('refuses a blob moved to another site', () => {
    const sealed = sealer.seal('site-1', { token: 't' });
    assert.throws(() => sealer.open('site-2', sealed));
  });

  it('refuses a tampered blob and a wrong key', () => {
    const sealed = sealer.seal('site-1', { token: 't' });
    const parts = sealed.split('.');
    parts[3] = Buffer.from('xx').toString('base64url');
    assert.throws(() => sealer.open('site-1', parts.join('.')));
    assert.throws(() => new CredentialSealer('b'.repeat(64)).open('site-1', sealed));
  });

  it('refuses a malformed key', () => {
    assert.throws(() => new CredentialSealer('short'), /64 hex/);
  });
});
