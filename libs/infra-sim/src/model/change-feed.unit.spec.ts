import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeFeed } from './change-feed.js';
import type { Entity } from './entities.js';
import { ChangesExpiredError, InvalidRequestError } from './sim-errors.js';

const entity = (name: string) => ({ kind: 'network', id: name, serial: 1, name, version: 0 }) as unknown as Entity;

describe('ChangeFeed', () => {
  it('numbers changes contiguously and stamps the entity with its change number', () => {
    const feed = new ChangeFeed(10);
    const e = entity('a');
    feed.record('created', e);
    feed.record('updated', e);
    assert.equal(feed.latest, 3);
    assert.equal(e.version, 3);
    assert.deepEqual(feed.since(1).map((c) => [c.seq, c.op]), [
      [2, 'created'],
      [3, 'updated'],
    ]);
    assert.deepEqual(feed.since(0).map((c) => c.seq), [2, 3]);
  });

  it('answers Gone for a since older than what it keeps, and refuses one from the future', () => {
    const feed = new ChangeFeed(5);
    for (let i = 0; i < 20; i++) feed.record('created', entity(`e${i}`));
    assert.equal(feed.latest, 21);
    assert.equal(feed.since(16).length, 5);
    assert.throws(() => feed.since(15), ChangesExpiredError);
    assert.throws(() => feed.since(22), InvalidRequestError);
  });

  it('tells subscribers of every change until they unsubscribe', () => {
    const feed = new ChangeFeed();
    const seen: number[] = [];
    const stop = feed.subscribe((c) => seen.push(c.seq));
    feed.record('created', entity('a'));
    stop();
    feed.record('created', entity('b'));
    assert.deepEqual(seen, [2]);
  });
});
