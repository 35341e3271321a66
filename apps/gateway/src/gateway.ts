import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { collectProcessMetrics, createLogger, initTracing } from '#vorch/telemetry';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { ApiKeyRing } from './auth/api-keys.js';
import { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
import { featureModules } from './features.js';
import { GatewayModule } from './gateway.module.js';
import { freePort } from './grpc/free-port.js';
import { GrpcCallContextInterceptor } from './grpc/grpc-call-context.interceptor.js';
import { grpcServerOptions } from './grpc/grpc-server-options.js';
import { grpcProtos } from './grpc-protos.js';
import { JsonBodyInterceptor } from './http/json-body.interceptor.js';
import { httpEdge } from './http/http-edge.middleware.js';
import { PinoNestLogger } from './nest-logger.js';
import { serveOpenApi } from './openapi/openapi-document.js';
import { ValidBodyPipe } from './validation/valid-body.pipe.js';

const log = createLogger('gateway');

export interface GatewayOptions {
  /** 0 picks a free port (tests). */
  httpPort: number;
  grpcPort: number;
  host?: string;
  /** `VORCH_API_KEYS` syntax: `key=tenant:role,…`. */
  apiKeys?: string;
  natsUrl?: string;
  /** Defaults to the `featureModules` list; tests pass their own. */
  features?: Array<Type | DynamicModule>;
  /** Defaults to the `grpcProtos` list. */
  protos?: string[];
  /** Set by main: flush and stop tracing when the gateway closes. */
  ownsTracing?: boolean;
}

export interface Gateway {
  app: INestApplication;
  httpPort: number;
  grpcPort: number;
  /** `http://host:port` for clients on this machine. */
  httpUrl: string;
  /** `host:port` for gRPC clients on this machine. */
  grpcAddress: string;
  close(): Promise<void>;
}

/** Builds, starts and returns the gateway: REST + OpenAPI + console on one port, gRPC on another. */
export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  initTracing('gateway');
  collectProcessMetrics('gateway');
  const host = opts.host ?? '0.0.0.0';
  const keys = ApiKeyRing.parse(opts.apiKeys);
  if (keys.size === 0) log.warn('VORCH_API_KEYS is empty: every authenticated request will be refused');

  const app = await NestFactory.create<NestExpressApplication>(
    GatewayModule.forRoot({ apiKeys: keys, natsUrl: opts.natsUrl, features: opts.features ?? featureModules, ownsTracing: opts.ownsTracing }),
    // The body is read by JsonBodyInterceptor after authentication, as a problem document when it is malformed.
    { bodyParser: false, logger: new PinoNestLogger(), abortOnError: false },
  );
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  app.use(httpEdge);
  app.useGlobalGuards(app.get(ApiKeyGuard));
  app.useGlobalInterceptors(app.get(GrpcCallContextInterceptor), app.get(JsonBodyInterceptor));
  app.useGlobalPipes(app.get(ValidBodyPipe));
  app.useGlobalFilters(app.get(AllExceptionsFilter));
  serveOpenApi(app);

  const grpcPort = opts.grpcPort === 0 ? await freePort(host) : opts.grpcPort;
  app.connectMicroservice(grpcServerOptions(opts.protos ?? grpcProtos, host, grpcPort), { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(opts.httpPort, host);

  const httpPort = (app.getHttpServer().address() as AddressInfo).port;
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  log.info({ httpPort, grpcPort, features: (opts.features ?? featureModules).map((f) => ('module' in f ? f.module.name : f.name)) }, 'gateway listening');
  return {
    app,
    httpPort,
    grpcPort,
    httpUrl: `http://${local}:${httpPort}`,
    grpcAddress: `${local}:${grpcPort}`,
    close: () => app.close(),
  };
}
