import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rateLimitedLogger } from './logger.js';
import type { Logger } from 'pino';

function recordingLogger() {
  const lines: Array<{ obj: object; msg: string }> = [];
  const log = { warn: (obj: object, msg: string) => lines.push({ obj, msg }) } as unknown as Logger;
  return { lines, log };
}

describe('rateLimitedLogger', () => {
  it('lets perWindow lines through per key and reports how many it held back', () => {
    const { lines, log } = recordingLogger();
    let clock = 1_000;
    const warn = rateLimitedLogger(log, 3, 100, () => clock);
    for (let i = 0; i < 10; i++) warn('malformed', { i }, 'bad datagram');
    assert.equal(lines.length, 3);
    clock += 99;
    warn('malformed', { i: 10 }, 'bad datagram');
    assert.equal(lines.length, 3, 'still inside the window');
    clock += 1;
    warn('malformed', { i: 11 }, 'bad datagram');
    assert.deepEqual(lines[3]!.obj, { key: 'malformed', suppressed: 8 });
    assert.deepEqual(lines[4]!.obj, { i: 11 });
    assert.equal(lines.length, 5);
  });

  it('keeps a separate window per key', () => {
    const { lines, log } = recordingLogger();
    const warn = rateLimitedLogger(log, 1, 100, () => 0);
    warn('a', { n: 1 }, 'x');
    warn('a', { n: 2 }, 'x');
    warn('b', { n: 3 }, 'x');
    assert.deepEqual(lines.map((l) => l.obj), [{ n: 1 }, { n: 3 }]);
  });
});
