import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { grpcStatusFor, toGrpcError } from './grpc-status.js';

describe('grpcStatusFor', () => {
  const cases: [number, string, status][] = [
    [400, 'VALIDATION', status.INVALID_ARGUMENT],
    [401, 'UNAUTHORIZED', status.UNAUTHENTICATED],
    [403, 'FORBIDDEN', status.PERMISSION_DENIED],
    [404, 'NOT_FOUND', status.NOT_FOUND],
    [409, 'INTEROP.RESOURCE_EXISTS', status.ALREADY_EXISTS],
    [409, 'CONCURRENCY', status.ABORTED],
    [503, 'UNAVAILABLE', status.UNAVAILABLE],
    [500, 'INTERNAL', status.INTERNAL],
    [418, 'TEAPOT', status.INTERNAL],
  ];
  for (const [httpStatus, code, expected] of cases) {
    it(`maps ${httpStatus} ${code} to ${status[expected]}`, () => assert.equal(grpcStatusFor({ status: httpStatus, code }), expected));
  }
});

describe('toGrpcError', () => {
  it('carries the message as details and the code and field errors in metadata', () => {
    const e = toGrpcError({
      type: 'urn:vorch:problem:validation', title: 'Bad Request', status: 400, detail: 'The request is invalid', code: 'VALIDATION',
      errors: [{ field: 'name', message: 'is required' }],
    });
    assert.equal(e.code, status.INVALID_ARGUMENT);
    assert.equal(e.details, 'The request is invalid');
    assert.deepEqual(e.metadata.get('vorch-code'), ['VALIDATION']);
    assert.deepEqual(JSON.parse(String(e.metadata.get('vorch-errors')[0])), [{ field: 'name', message: 'is required' }]);
  });
});
