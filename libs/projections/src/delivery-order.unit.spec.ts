import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryOrder } from './delivery-order.js';

describe('DeliveryOrder', () => {
  it('admits increasing sequences, with gaps (other subjects) allowed', () => {
    const order = new DeliveryOrder(10);
    assert.deepEqual([10, 11, 15, 20].map((s) => order.admit(s)), [true, true, true, true]);
    assert.equal(order.highestAdmitted, 20);
  });

  it('drops a redelivery of a sequence the session already holds', () => {
    const order = new DeliveryOrder(1);
    order.admit(1);
    order.admit(2);
    order.admit(3);
    assert.equal(order.admit(2), false);
    assert.equal(order.admit(4), true);
  });

  it('drops anything before the start of the session (already in the checkpoint)', () => {
    const order = new DeliveryOrder(100);
    assert.equal(order.admit(99), false);
    assert.equal(order.admit(100), true);
  });
});
