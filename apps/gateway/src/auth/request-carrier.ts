import type { ArgumentsHost } from '@nestjs/common';

/**
 * The object that stands for one incoming call, whichever transport brought it: the Express request for REST,
 * the gRPC metadata object for gRPC (Nest hands gRPC handlers `(data, metadata, call)`). Per-call facts such as
 * the authenticated principal are attached to it.
 */
export function requestCarrier(host: ArgumentsHost): object {
  return host.getType() === 'rpc' ? (host.getArgByIndex(1) as object) : (host.switchToHttp().getRequest() as object);
}
