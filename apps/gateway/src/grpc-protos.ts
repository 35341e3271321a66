/**
 * The .proto files the gateway's gRPC server loads, relative to `apps/gateway/proto` (absolute paths work too).
 * A feature that serves gRPC appends its file here, e.g. `'vorch/v1/interop.proto'`; the packages they declare
 * are read from the files, so nothing else needs listing.
 */
export const grpcProtos: string[] = ['vorch/v1/health.proto', 'vorch/v1/interop.proto'];
