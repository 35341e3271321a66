import { credentials, loadPackageDefinition, Metadata, type ServiceError, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';
import { protoRoot } from '../grpc/grpc-server-options.js';

type Unary = (req: object, md: Metadata, cb: (err: ServiceError | null, res?: unknown) => void) => void;

export interface GrpcOutcome<T = Record<string, unknown>> {
  ok?: T;
  err?: ServiceError;
}

/** A plain @grpc/grpc-js client for one service, calls returning either the response or the ServiceError. */
export function grpcTestClient(address: string, protoFile: string, service: string) {
  const def = loadSync(protoFile, { includeDirs: [protoRoot()], keepCase: true, enums: String, longs: String });
  const ctor = service.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], loadPackageDefinition(def)) as ServiceClientConstructor;
  const client = new ctor(address, credentials.createInsecure()) as unknown as Record<string, Unary> & { close(): void };
  return {
    call<T = Record<string, unknown>>(method: string, req: object, md: Record<string, string> = {}): Promise<GrpcOutcome<T>> {
      const metadata = new Metadata();
      for (const [k, v] of Object.entries(md)) metadata.set(k, v);
      return new Promise((resolve) =>
        client[method]!.call(client, req, metadata, (err, res) => resolve(err ? { err } : { ok: res as T })),
      );
    },
    close: () => client.close(),
  };
}

export const healthProtoFile = () => join(protoRoot(), 'vorch/v1/health.proto');
