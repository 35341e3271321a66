import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsString } from 'class-validator';
import { ValidationError } from '#vorch/contracts';
import { ValidBodyPipe } from './valid-body.pipe.js';

class Named {
  @IsString() name!: string;
}

describe('ValidBodyPipe', () => {
  const pipe = new ValidBodyPipe();

  it('turns a valid body or query into an instance of the declared class', () => {
    const body = pipe.transform({ name: 'a' }, { type: 'body', metatype: Named });
    assert.ok(body instanceof Named);
    assert.ok(pipe.transform({ name: 'q' }, { type: 'query', metatype: Named }) instanceof Named);
  });

  it('names the missing fields of an absent body', () => {
    assert.throws(() => pipe.transform(undefined, { type: 'body', metatype: Named }), (err: ValidationError) => {
      assert.deepEqual(err.errors?.map((e) => e.field), ['name']);
      return true;
    });
  });

  it('leaves plain and undeclared types and custom decorators alone', () => {
    assert.equal(pipe.transform('x', { type: 'param', metatype: String, data: 'id' }), 'x');
    const raw = { anything: 1 };
    assert.equal(pipe.transform(raw, { type: 'body', metatype: Object }), raw);
    assert.equal(pipe.transform(raw, { type: 'body' }), raw);
    assert.equal(pipe.transform(raw, { type: 'custom', metatype: Named }), raw);
  });
});
