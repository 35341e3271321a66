import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VorchError } from '#vorch/contracts';
import { classifyVimRefusal, vimRefusalError } from './home-vim-refusals.js';

/** A driver error as it comes back over the bus from the inventory service. */
const conflict = (vimCode: string, vimMessage: string) => new VorchError('DRIVER.CONFLICT', `driver: ${vimMessage}`, 409, { dialect: 'x', endpoint: 'e', vimCode, vimMessage });

describe('what a home VIM says about addresses', () => {
  it('reads Neutron\'s and vSphere\'s codes for an exhausted subnet and a taken address', () => {
    assert.equal(classifyVimRefusal(conflict('IpAddressGenerationFailure', 'No more IP addresses available'), false), 'exhausted');
    assert.equal(classifyVimRefusal(conflict('UNABLE_TO_ALLOCATE_RESOURCE', 'no free address is left in network n'), false), 'exhausted');
    assert.equal(classifyVimRefusal(conflict('IpAddressAlreadyAllocated', 'IP address 10.0.0.5 is already in use'), true), 'taken');
    assert.equal(classifyVimRefusal(conflict('ALREADY_EXISTS', 'IP address 10.0.0.5 is already in use'), true), 'taken');
  });

  it('reads Kubernetes\' generic Conflict by its message, and falls back on what was asked', () => {
    assert.equal(classifyVimRefusal(conflict('Conflict', 'no free address is left in network n'), true), 'exhausted');
    assert.equal(classifyVimRefusal(conflict('Conflict', 'IP address 10.0.0.5 is already in use'), false), 'taken');
    assert.equal(classifyVimRefusal(conflict('Conflict', 'something else'), true), 'taken');
    assert.equal(classifyVimRefusal(conflict('Conflict', 'something else'), false), 'exhausted');
  });

  it('leaves a MAC clash, a name already taken and other errors alone', () => {
    assert.equal(classifyVimRefusal(conflict('MacAddressInUse', 'MAC address in use'), false), undefined);
    assert.equal(classifyVimRefusal(conflict('AlreadyExists', 'ports "vorch-alloc-x" already exists'), false), undefined);
    assert.equal(classifyVimRefusal(new VorchError('DRIVER.REJECTED', 'no', 422), false), undefined);
  });

  it('turns them into the address manager\'s typed errors, and an unreachable site into a 503', () => {
    const ctx = { poolId: 'n-v4', cidr: '10.0.0.0/24', site: 's1' };
    assert.equal((vimRefusalError(conflict('IpAddressGenerationFailure', 'x'), ctx) as VorchError).code, 'POOL.EXHAUSTED');
    const taken = vimRefusalError(conflict('IpAddressAlreadyAllocated', 'x'), { ...ctx, address: '10.0.0.5' }) as VorchError;
    assert.equal(taken.code, 'ADDRESS.TAKEN');
    assert.equal(taken.status, 409);
    assert.equal(taken.details?.holder, 'held on the home VIM outside Vorch');
    const down = vimRefusalError(new VorchError('DRIVER.UNREACHABLE', 'no answer', 503), ctx) as VorchError;
    assert.equal(down.code, 'HOME_SITE.UNREACHABLE');
    assert.equal(down.status, 503);
    const other = new VorchError('DRIVER.REJECTED', 'no', 422);
    assert.equal(vimRefusalError(other, ctx), other);
  });
});
