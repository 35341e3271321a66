import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ndjsonLines } from './ndjson-lines.js';

async function collect(chunks: string[] | Uint8Array[]): Promise<unknown[]> {
  const enc = new TextEncoder();
  async function* source() {
    for (const c of chunks) yield typeof c === 'string' ? enc.encode(c) : c;
  }
  const out: unknown[] = [];
  for await (const v of ndjsonLines(source())) out.push(v);
  return out;
}

describe('ndjsonLines', () => {
  it('yields one value per line, whatever the chunk boundaries', async () => {
    assert.deepEqual(await collect(['{"a":1}\n{"b"', ':2}\n', '\n{"c":3}']), [{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('keeps a multi-byte character split across two chunks intact', async () => {
    const bytes = new TextEncoder().encode('{"name":"zürich"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    assert.deepEqual(await collect([bytes.slice(0, cut), bytes.slice(cut)]), [{ name: 'zürich' }]);
  });

  it('fails loudly on a line that is not JSON rather than skipping it', async () => {
    await assert.rejects(collect(['{"a":1}\nnot json\n']), SyntaxError);
  });
});
