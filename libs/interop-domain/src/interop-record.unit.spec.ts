import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EffectiveEntry } from './entry-matching.js';
import { interopRecordsFor } from './interop-record.js';
import { normalizeEntry, type MatrixEntryInput } from './matrix-entry.js';

const entry = (id: string, input: MatrixEntryInput, rank = 1): EffectiveEntry => ({ ...normalizeEntry(input), id, tenantId: null, rank });

describe('interopRecordsFor', () => {
  const entries = [
    entry('e1', { productA: 'ESXi', versionsA: '8.0', productB: 'Ubuntu', versionsB: '22.04', support: 'supported' }),
    entry('e2', { productA: 'ESXi', versionsA: '8.0', productB: 'ConnectX-6', versionsB: '>=22.30', support: 'conditional', note: 'firmware 22.36 or later' }),
    entry('e3', { productA: 'ESXi', versionsA: '7.0', productB: 'Ubuntu', versionsB: '*', support: 'unsupported' }),
  ];

  it('given resources the matrix speaks about, records each with the deciding entry', () => {
    const records = interopRecordsFor(
      { resourceId: 'h1', product: 'ESXi', version: '8.0 U2' },
      [
        { resourceId: 'g1', product: 'Ubuntu', version: '22.04.3' },
        { resourceId: 'n1', product: 'ConnectX-6', version: '22.36.1010' },
        { resourceId: 'g2', product: 'Ubuntu', version: '20.04' },
        { resourceId: 'x1', product: 'Windows', version: '2022' },
        { resourceId: 'h1', product: 'ESXi', version: '8.0 U2' },
      ],
      entries,
    );
    assert.deepEqual(records, [
      { resourceId: 'h1', otherResourceId: 'g1', support: 'supported', entryId: 'e1' },
      { resourceId: 'h1', otherResourceId: 'n1', support: 'conditional', note: 'firmware 22.36 or later', entryId: 'e2' },
    ]);
  });

  it('given a version no entry covers, records nothing', () => {
    const records = interopRecordsFor({ resourceId: 'h0', product: 'ESXi', version: '6.7' }, [{ resourceId: 'g1', product: 'Ubuntu', version: '22.04' }], entries);
    assert.deepEqual(records, []);
  });

  it('works from the other side of an entry too', () => {
    const records = interopRecordsFor({ resourceId: 'g1', product: 'ubuntu', version: '18.04' }, [{ resourceId: 'h7', product: 'ESXi', version: '7.0.3' }], entries);
    assert.deepEqual(records, [{ resourceId: 'g1', otherResourceId: 'h7', support: 'unsupported', entryId: 'e3' }]);
  });
});
