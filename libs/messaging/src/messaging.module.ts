import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { CommandMeta } from '#vorch/contracts';
import { createLogger } from '#vorch/telemetry';
import { Bus } from './bus.js';
import { connectNats } from './nats-connection.js';
import { HANDLE_REQUEST, type HandleRequestOptions } from './handle-request.decorator.js';
import { serveRequests } from './serve-requests.js';

export const NATS_CONNECTION = Symbol('vorch:nats-connection');
export const SERVICE_NAME = Symbol('vorch:service-name');

const log = createLogger('messaging');

@Injectable()
class RequestHandlerExplorer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method] as (...a: unknown[]) => Promise<unknown>;
        const opts = this.reflector.get<HandleRequestOptions | undefined>(HANDLE_REQUEST, fn);
        if (!opts) continue;
        this.subscriptions.push(
          serveRequests(this.nc, {
            subject: opts.subject,
            queue: this.service,
            input: opts.input,
            handle: (input: object, meta: CommandMeta) => fn.call(instance, input, meta),
          }),
        );
        log.debug({ subject: opts.subject }, 'serving');
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const s of this.subscriptions) s.unsubscribe();
    await this.nc.drain().catch(() => this.nc.close());
  }
}

/** NATS connection, the Bus, and @HandleRequest handlers for one service. */
@Module({})
export class MessagingModule {
  static forRoot(opts: { service: string; natsUrl?: string }): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: SERVICE_NAME, useValue: opts.service },
        { provide: NATS_CONNECTION, useFactory: () => connectNats(opts.service, opts.natsUrl) },
        { provide: Bus, useFactory: (nc: NatsConnection) => new Bus(nc), inject: [NATS_CONNECTION] },
        RequestHandlerExplorer,
      ],
      exports: [NATS_CONNECTION, Bus, SERVICE_NAME],
    };
  }
}
