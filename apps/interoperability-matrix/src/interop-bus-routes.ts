import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { ClassConstructor } from 'class-transformer';
import {
  CheckInteropInput,
  CompatibleResourcesInput,
  GetInteropResourceInput,
  GetMatrixImportInput,
  ImportMatrixInput,
  InteroperatesWithInput,
  RegisterInteropResourceInput,
  ResourceMatrixInput,
  type CommandMeta,
} from '#vorch/contracts';
import { NATS_CONNECTION, SERVICE_NAME, serveRequests } from '#vorch/messaging';
import { ImportMatrixHandler } from './commands/import-matrix.handler.js';
import { RegisterResourceHandler } from './commands/register-resource.handler.js';
import { INTEROP_SETTINGS, type InteropSettings } from './interop-settings.js';
import { CheckHandler } from './queries/check.handler.js';
import { CompatibleHandler } from './queries/compatible.handler.js';
import { GetImportHandler } from './queries/get-import.handler.js';
import { GetResourceHandler } from './queries/get-resource.handler.js';
import { InteroperatesWithHandler } from './queries/interoperates-with.handler.js';
import { ResourceMatrixHandler } from './queries/resource-matrix.handler.js';

interface Handler<I> {
  handle(input: I, meta: CommandMeta): Promise<unknown>;
}

/**
 * The service's commands and queries on the bus. Subjects come from the settings rather than @HandleRequest,
 * whose subject is fixed when the class is loaded: tests and benchmarks run the service under a prefix of their own.
 * Serving goes through serveRequests all the same (validation, typed error replies, traces).
 */
@Injectable()
export class InteropBusRoutes implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(INTEROP_SETTINGS) private readonly settings: InteropSettings,
    private readonly registerResource: RegisterResourceHandler,
    private readonly importMatrix: ImportMatrixHandler,
    private readonly getImport: GetImportHandler,
    private readonly getResource: GetResourceHandler,
    private readonly compatible: CompatibleHandler,
    private readonly check: CheckHandler,
    private readonly interoperatesWith: InteroperatesWithHandler,
    private readonly resourceMatrix: ResourceMatrixHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const s = this.settings.subjects;
    this.serve(s.registerResource, RegisterInteropResourceInput, this.registerResource);
    this.serve(s.importMatrix, ImportMatrixInput, this.importMatrix);
    this.serve(s.getImport, GetMatrixImportInput, this.getImport);
    this.serve(s.getResource, GetInteropResourceInput, this.getResource);
    this.serve(s.compatible, CompatibleResourcesInput, this.compatible);
    this.serve(s.check, CheckInteropInput, this.check);
    this.serve(s.interoperatesWith, InteroperatesWithInput, this.interoperatesWith);
    this.serve(s.resourceMatrix, ResourceMatrixInput, this.resourceMatrix);
    // subscriptions are registered with the server before the service reports itself started
    await this.nc.flush();
  }

  beforeApplicationShutdown(): void {
    for (const sub of this.subscriptions) sub.unsubscribe();
  }

  private serve<I extends object>(subject: string, input: ClassConstructor<I>, handler: Handler<I>): void {
    this.subscriptions.push(serveRequests(this.nc, { subject, queue: this.service, input, handle: (i, meta) => handler.handle(i, meta) }));
  }
}
