import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { validateInput } from './validation.js';
import { ValidationError } from './errors.js';

class Range {
  @IsInt() @Min(0) from!: number;
}
class Input {
  @IsString() name!: string;
  @ValidateNested() @Type(() => Range) range!: Range;
}

describe('validateInput', () => {
  it('returns an instance for valid input', () => {
    const v = validateInput(Input, { name: 'a', range: { from: 1 } });
    assert.ok(v instanceof Input);
    assert.equal(v.range.from, 1);
  });

  it('names every bad field, nested ones by path', () => {
    assert.throws(
      () => validateInput(Input, { name: 3, range: { from: -1 } }),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError);
        assert.deepEqual(err.errors?.map((e) => e.field).sort(), ['name', 'range.from']);
        return true;
      },
    );
  });

  it('rejects unknown fields rather than ignoring them', () => {
    assert.throws(() => validateInput(Input, { name: 'a', range: { from: 1 }, nmae: 'x' }), (err: ValidationError) => {
      assert.equal(err.errors?.[0]?.field, 'nmae');
      return true;
    });
  });

  it('rejects a body that is not an object', () => {
    assert.throws(() => validateInput(Input, [1, 2]), ValidationError);
    assert.throws(() => validateInput(Input, null), ValidationError);
  });
});
