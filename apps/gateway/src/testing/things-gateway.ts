import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '../gateway.js';
import { grpcProtos } from '../grpc-protos.js';
import { ThingsTestFeature, thingsProto, thingsSubjects } from './things-test.feature.js';

/** Keys of the integration tests: two tenants, every role. */
export const testKeys = {
  acmeAdmin: 'acme-admin-key',
  acmeOperator: 'acme-operator-key',
  acmeViewer: 'acme-viewer-key',
  globexOperator: 'globex-operator-key',
};

export const testKeySpec = [
  `${testKeys.acmeAdmin}=acme:admin`,
  `${testKeys.acmeOperator}=acme:operator`,
  `${testKeys.acmeViewer}=acme:viewer`,
  `${testKeys.globexOperator}=globex:operator`,
].join(',');

export interface ThingsGateway extends Gateway {
  subjects: ReturnType<typeof thingsSubjects>;
  /** The test feature's .proto, for gRPC clients. */
  thingsProtoFile: string;
  /** Closes the gateway and removes the temporary proto folder. */
  stop(): Promise<void>;
}

/** A gateway on free ports with the test-only things feature mounted over REST and gRPC. */
export async function startThingsGateway(prefix: string, natsUrl: string): Promise<ThingsGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'vorch-gw-proto-'));
  const protoFile = join(dir, 'things.proto');
  writeFileSync(protoFile, thingsProto);
  const subjects = thingsSubjects(prefix);
  try {
    const gw = await createGateway({
      httpPort: 0,
      grpcPort: 0,
      host: '127.0.0.1',
      apiKeys: testKeySpec,
      natsUrl,
      features: [ThingsTestFeature.forSubjects(subjects)],
      protos: [...grpcProtos, protoFile],
    });
    return {
      ...gw,
      subjects,
      thingsProtoFile: protoFile,
      async stop() {
        await gw.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
