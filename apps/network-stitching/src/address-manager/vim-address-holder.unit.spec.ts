import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Port } from '#vorch/vim-drivers';
import { AddressTakenOnVimError } from './address-manager.errors.js';
import { holderOf } from './vim-address-holder.js';

const port = (externalId: string, ips: string[], extra: Partial<Port> = {}): Port => ({ externalId, networkId: 'net', name: `p-${externalId}`, mac: 'fa:16:3e:00:00:01', ips, ...extra });

describe('the holder of an address taken on the home VIM', () => {
  it('is the port holding the address, with its name and VM', () => {
    const ports = [port('a', ['10.0.0.4']), port('b', ['10.0.0.5', '2001:db8::5'], { vmId: 'vm-7' })];
    assert.deepEqual(holderOf(ports, '10.0.0.5'), { vimPortId: 'b', name: 'p-b', vmId: 'vm-7' });
    assert.deepEqual(holderOf(ports, '10.0.0.4'), { vimPortId: 'a', name: 'p-a' });
  });

  it('matches IPv6 however the VIM writes it, and is absent when no port shows the address', () => {
    const ports = [port('c', ['2001:0db8:0000:0000:0000:0000:0000:0009'])];
    assert.equal(holderOf(ports, '2001:db8::9')?.vimPortId, 'c');
    assert.equal(holderOf(ports, '2001:db8::10'), undefined);
  });

  it('is named in the 409, with the port in the details', () => {
    const err = new AddressTakenOnVimError('10.0.0.5', 'site-1', { vimPortId: 'b', name: 'outsider', vmId: 'vm-7' });
    assert.equal(err.code, 'ADDRESS.TAKEN');
    assert.equal(err.status, 409);
    assert.match(err.message, /10\.0\.0\.5 is held on the home VIM outside Vorch by port b \(outsider\) of VM vm-7, on site site-1/);
    assert.deepEqual(err.details?.vimPort, { vimPortId: 'b', name: 'outsider', vmId: 'vm-7' });
  });
});
