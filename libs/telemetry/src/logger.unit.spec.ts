import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rateLimitedLogger } from './logger.js';
import type { Logger } from 'pino';

describe('rateLimitedLogger', () => {
  it('lets perWindow lines through per key and reports how many it held back', () => {
    const lines: Array<{ obj: object; msg: string }> = [];
    const fake = { warn: (obj: object, msg: string) => lines.push({ obj, msg }) } as unknown as Logger;
    const warn = rateLimitedLogger(fake, 3, 1);
    for (let i = 0; i < 10; i++) warn('malformed', { i }, 'bad datagram');
    assert.equal(lines.length, 3);
    const until = Date.now() + 5;
    while (Date.now() < until) {
      /* let the 1 ms window pass */
    }
    warn('malformed', { i: 10 }, 'bad datagram');
    assert.deepEqual(lines[3]!.obj, { key: 'malformed', suppressed: 7 });
    assert.equal(lines.length, 5);
  });
});
