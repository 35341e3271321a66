import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { MessagingModule } from '#vorch/messaging';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { ApiKeyRing } from './auth/api-keys.js';
import { BusForwarder } from './bus/bus-forwarder.js';
import { ConsoleController } from './console/console.controller.js';
import { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
import { GrpcCallContextInterceptor } from './grpc/grpc-call-context.interceptor.js';
import { JsonBodyInterceptor } from './http/json-body.interceptor.js';
import { HealthController } from './health/health.controller.js';
import { HealthGrpcController } from './health/health.grpc.controller.js';
import { NatsReadiness } from './health/nats-readiness.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { TracingShutdown } from './tracing-shutdown.js';
import { TracesController } from './traces/traces.controller.js';
import { ValidBodyPipe } from './validation/valid-body.pipe.js';

export interface GatewayModuleOptions {
  apiKeys: ApiKeyRing;
  natsUrl?: string;
  features: Array<Type | DynamicModule>;
  /** The process's only gateway (main): flush spans when it stops. */
  ownsTracing?: boolean;
}

/**
 * The gateway's own routes plus the feature modules. Global, so a feature's controllers can inject BusForwarder
 * (and, through MessagingModule, the Bus) without importing anything.
 */
@Module({})
export class GatewayModule {
  static forRoot(opts: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [MessagingModule.forRoot({ service: 'gateway', natsUrl: opts.natsUrl }), ...opts.features],
      controllers: [HealthController, HealthGrpcController, MetricsController, TracesController, ConsoleController],
      providers: [
        { provide: ApiKeyRing, useValue: opts.apiKeys },
        NatsReadiness,
        BusForwarder,
        ApiKeyGuard,
        AllExceptionsFilter,
        GrpcCallContextInterceptor,
        JsonBodyInterceptor,
        ValidBodyPipe,
        ...(opts.ownsTracing ? [TracingShutdown] : []),
      ],
      exports: [BusForwarder, NatsReadiness],
    };
  }
}
