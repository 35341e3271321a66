import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestException, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '#vorch/contracts';
import { problemType, toProblem } from './problem.js';

describe('toProblem', () => {
  it('keeps a VorchError status, code and message, with field errors for validation', () => {
    const p = toProblem(new ValidationError([{ field: 'name', message: 'is required' }]));
    assert.deepEqual(p, {
      type: 'urn:vorch:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is invalid',
      code: 'VALIDATION',
      errors: [{ field: 'name', message: 'is required' }],
    });
    assert.equal(toProblem(new NotFoundError('network', 'n1')).detail, 'network n1 was not found');
    assert.equal(toProblem(new UnavailableError('down')).status, 503);
  });

  it('gives every code a stable URN type', () => {
    assert.equal(problemType('NETWORK.CIDR_OVERLAP'), 'urn:vorch:problem:network-cidr-overlap');
    assert.equal(toProblem(new ConflictError('NETWORK.CIDR_OVERLAP', 'overlap')).type, 'urn:vorch:problem:network-cidr-overlap');
  });

  it('maps Nest HTTP exceptions by status', () => {
    const nf = toProblem(new NotFoundException('Cannot GET /x'));
    assert.deepEqual([nf.status, nf.code, nf.detail], [404, 'NOT_FOUND', 'Cannot GET /x']);
    assert.equal(toProblem(new MethodNotAllowedException()).code, 'METHOD_NOT_ALLOWED');
    assert.equal(toProblem(new BadRequestException(['a is bad', 'b is bad'])).detail, 'a is bad; b is bad');
  });

  it('says nothing about an unexpected error', () => {
    const p = toProblem(new Error('connection to postgres://admin:pw@db failed'));
    assert.deepEqual([p.status, p.code, p.detail], [500, 'INTERNAL', 'An unexpected error occurred']);
    assert.ok(!JSON.stringify(p).includes('pw@db'));
    assert.equal(toProblem('a string').status, 500);
  });
});
