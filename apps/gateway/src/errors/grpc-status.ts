import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { Problem } from './problem.js';

/**
 * HTTP status → gRPC status code. A 409 is ALREADY_EXISTS when the code says so (a duplicate create) and ABORTED
 * otherwise (a concurrency conflict or a state clash the caller may retry after re-reading).
 */
export function grpcStatusFor(problem: Pick<Problem, 'status' | 'code'>): GrpcStatus {
  switch (problem.status) {
    case 400:
    case 422:
      return GrpcStatus.INVALID_ARGUMENT;
    case 401:
      return GrpcStatus.UNAUTHENTICATED;
    case 403:
      return GrpcStatus.PERMISSION_DENIED;
    case 404:
      return GrpcStatus.NOT_FOUND;
    case 409:
      return /EXISTS|ALREADY|DUPLICATE/.test(problem.code) ? GrpcStatus.ALREADY_EXISTS : GrpcStatus.ABORTED;
    case 412:
      return GrpcStatus.FAILED_PRECONDITION;
    case 429:
      return GrpcStatus.RESOURCE_EXHAUSTED;
    case 501:
      return GrpcStatus.UNIMPLEMENTED;
    case 503:
    case 504:
      return GrpcStatus.UNAVAILABLE;
    default:
      return GrpcStatus.INTERNAL;
  }
}

/** What a gRPC client receives: status, the message as details, and Vorch's code (and bad fields) in trailers. */
export interface GrpcErrorReply {
  code: GrpcStatus;
  details: string;
  message: string;
  metadata: Metadata;
}

export function toGrpcError(problem: Problem): GrpcErrorReply {
  const metadata = new Metadata();
  metadata.set('vorch-code', problem.code);
  if (problem.errors?.length) metadata.set('vorch-errors', JSON.stringify(problem.errors));
  if (problem.traceId) metadata.set('vorch-trace-id', problem.traceId);
  return { code: grpcStatusFor(problem), details: problem.detail, message: problem.detail, metadata };
}
