import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseMatrixFile, type ParsedMatrixFile } from './parse-matrix-file.js';
import { formatRowError } from './row-error.js';

function errorsOf(parsed: ParsedMatrixFile) {
  assert.equal(parsed.ok, false, 'the file should be refused');
  return parsed.ok ? [] : parsed.errors.map((e) => ({ line: e.line, field: e.field }));
}

function entriesOf(parsed: ParsedMatrixFile) {
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.map(formatRowError).join('; '));
  return parsed.entries;
}

describe('parseMatrixFile: CSV', () => {
  it('reads every row with its line, keeping versions as written', () => {
    const csv = [
      'productA,versionsA,productB,versionsB,support,note',
      'ESXi,8.0,Ubuntu,22.04,supported,',
      '',
      'ESXi,">=7.0, <8.0",ConnectX-6,22.36,conditional,"needs firmware',
      '22.36 or later"',
      'KVM,4.18.0-348.el8,Windows,2022,unsupported,',
    ].join('\n');
    const entries = entriesOf(parseMatrixFile('csv', csv));
    assert.deepEqual(entries.map((e) => [e.line, e.productA, e.versionsA, e.productB, e.versionsB, e.support]), [
      [2, 'ESXi', '8.0', 'Ubuntu', '22.04', 'supported'],
      [4, 'ConnectX-6', '22.36', 'ESXi', '>=7.0, <8.0', 'conditional'],
      [6, 'KVM', '4.18.0-348.el8', 'Windows', '2022', 'unsupported'],
    ]);
    assert.equal(entries[1]!.note, 'needs firmware\n22.36 or later');
  });

  it('reports every bad row by line and field, and returns no entries', () => {
    const csv = [
      'productA,versionsA,productB,versionsB,support,note',
      'ESXi,8.0,Ubuntu,22.04,supported,',
      'ESXi,>=,Ubuntu,22.04,supported,',
      ',8.0,Ubuntu,22.04,maybe,',
      'ESXi,8.0,Ubuntu,20.04,conditional,',
      'ESXi,8.0,Ubuntu,22.04,unsupported,',
    ].join('\n');
    assert.deepEqual(errorsOf(parseMatrixFile('csv', csv)), [
      { line: 3, field: 'versionsA' },
      { line: 4, field: 'productA' },
      { line: 4, field: 'support' },
      { line: 5, field: 'note' },
      { line: 6, field: undefined },
    ]);
  });

  it('refuses an unknown column on the header line', () => {
    assert.deepEqual(errorsOf(parseMatrixFile('csv', 'productA,versionsA,productB,versionsB,support,colour\nESXi,8,KVM,1,supported,red\n')), [
      { line: 1, field: 'colour' },
    ]);
  });

  it('reports a broken quote with its line', () => {
    const parsed = parseMatrixFile('csv', 'productA,versionsA,productB,versionsB,support\nESXi,8,KVM,"1,supported\n');
    assert.equal(errorsOf(parsed)[0]!.line, 2);
  });
});

describe('parseMatrixFile: JSON', () => {
  it('reads a list or an object holding "entries", with each entry line', () => {
    const json = `{
  "entries": [
    { "productA": "ESXi", "versionsA": 8.0, "productB": "Ubuntu", "versionsB": "22.04", "support": "supported" },
    {
      "productA": "vSphere", "versionsA": "8.0 U2",
      "productB": "NetApp ONTAP", "versionsB": "9.12 - 9.14", "support": "supported"
    }
  ]
}`;
    const entries = entriesOf(parseMatrixFile('json', json));
    assert.deepEqual(entries.map((e) => [e.line, e.versionsA]), [[3, '8.0'], [4, '9.12 - 9.14']]);
  });

  it('reports bad entries by line, and a syntax error by line', () => {
    const json = `[
  { "productA": "ESXi", "versionsA": "8.0", "productB": "Ubuntu", "versionsB": "22.04", "support": "supported" },
  { "productA": "ESXi", "versionsA": "8.0", "productB": "Ubuntu", "versionsB": "22.04", "support": "yes", "colour": 1 },
  "not an entry"
]`;
    assert.deepEqual(errorsOf(parseMatrixFile('json', json)), [
      { line: 3, field: 'colour' },
      { line: 3, field: 'support' },
      { line: 4, field: undefined },
    ]);
    assert.deepEqual(errorsOf(parseMatrixFile('json', '[\n  {"productA": "x",}\n]')), [{ line: 2, field: undefined }]);
  });

  it('refuses a document that is not a list of entries', () => {
    assert.deepEqual(errorsOf(parseMatrixFile('json', '{"rows": []}')), [{ line: 1, field: undefined }]);
    assert.deepEqual(errorsOf(parseMatrixFile('json', '[]')), [{ line: 1, field: undefined }]);
  });
});

describe('parseMatrixFile: YAML', () => {
  it('reads entries with their lines; a version like 8.10 stays 8.10', () => {
    const yaml = `# vendor matrix
- productA: ESXi
  versionsA: 8.10
  productB: Ubuntu
  versionsB: "22.04"
  support: supported
- productA: ESXi
  versionsA: 7.0.x
  productB: RHEL
  versionsB: 9.x
  support: conditional
  note: only with open-vm-tools
`;
    const entries = entriesOf(parseMatrixFile('yaml', yaml));
    assert.deepEqual(entries.map((e) => [e.line, e.versionsA, e.productB]), [[2, '8.10', 'Ubuntu'], [7, '7.0.x', 'RHEL']]);
  });

  it('reports bad entries by line and a syntax error by line', () => {
    const yaml = `- productA: ESXi
  versionsA: 8.0
  productB: Ubuntu
  versionsB: 22.04
  support: supported
- productA: ESXi
  productB: Ubuntu
  versionsB: 22.04
  support: conditional
`;
    assert.deepEqual(errorsOf(parseMatrixFile('yaml', yaml)), [
      { line: 6, field: 'versionsA' },
      { line: 6, field: 'note' },
    ]);
    assert.equal(errorsOf(parseMatrixFile('yaml', '- a: [1, 2\n- b: 3\n'))[0]!.line > 0, true);
  });
});

describe('parseMatrixFile: size', () => {
  it('reads a large file and bounds the errors it lists while counting them all', () => {
    const good = ['productA,versionsA,productB,versionsB,support'];
    const bad = ['productA,versionsA,productB,versionsB,support'];
    for (let i = 0; i < 5000; i++) {
      good.push(`p${i},${i}.0,q${i},1.${i},supported`);
      bad.push(`p${i},${i}.0,q${i},1.${i},nope`);
    }
    assert.equal(entriesOf(parseMatrixFile('csv', good.join('\n'))).length, 5000);
    const parsed = parseMatrixFile('csv', bad.join('\n'));
    assert.ok(!parsed.ok);
    if (!parsed.ok) {
      assert.equal(parsed.totalErrors, 5000);
      assert.equal(parsed.errors.length, 1000);
      assert.equal(parsed.errors[999]!.line, 1001);
    }
  });
});
