import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { gatewayDir } from '../gateway-dir.js';

export function protoRoot(): string {
  return join(gatewayDir(), 'proto');
}

/** The packages the files declare: Nest must be told each one, and reading them keeps grpc-protos.ts a plain list. */
export function protoPackages(files: string[]): string[] {
  const packages = new Set<string>();
  for (const f of files) {
    const m = /^\s*package\s+([\w.]+)\s*;/m.exec(readFileSync(f, 'utf8'));
    if (!m) throw new Error(`${f} declares no package`);
    packages.add(m[1]!);
  }
  return [...packages];
}

export function grpcServerOptions(protos: string[], host: string, port: number): GrpcOptions {
  const root = protoRoot();
  const files = protos.map((p) => (isAbsolute(p) ? p : join(root, p)));
  return {
    transport: Transport.GRPC,
    options: {
      url: `${host}:${port}`,
      package: protoPackages(files),
      protoPath: files,
      // Field names as written in the .proto, enums as names, 64-bit numbers as strings (JSON has no int64), and no
      // invented defaults or oneof markers: a field the caller left out stays absent (so validation can say it is
      // missing) and proto3 `optional` adds no synthetic `_field` property that validation would reject.
      loader: { includeDirs: [root], keepCase: true, enums: String, longs: String, defaults: false, oneofs: false },
    },
  };
}
