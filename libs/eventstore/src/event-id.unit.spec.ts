import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTime } from 'ulid';
import { newEventId } from './event-id.js';

describe('newEventId', () => {
  it('makes ULIDs of the current time that sort in the order they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, () => newEventId());
    assert.ok(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    const t = decodeTime(ids[0]!);
    assert.ok(t >= before && t <= Date.now());
  });
});
