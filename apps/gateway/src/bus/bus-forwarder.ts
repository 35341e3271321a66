import { Injectable } from '@nestjs/common';
import { newId, type CommandMeta } from '#vorch/contracts';
import { Bus, type RequestOptions } from '#vorch/messaging';
import type { Principal } from '../auth/principal.js';
import { currentRequestContext } from './request-context.js';

/**
 * How a gateway handler hands a command or query to the service behind it: builds the CommandMeta from the
 * current call and the principal, then `Bus.request`. Typed error replies come back as the VorchError the service
 * threw, and the exception filter turns them into problem documents or gRPC statuses.
 */
@Injectable()
export class BusForwarder {
  constructor(private readonly bus: Bus) {}

  send<R>(subject: string, payload: unknown, principal: Principal, opts?: RequestOptions): Promise<R> {
    return this.bus.request<R>(subject, payload, this.metaFor(principal), opts);
  }

  metaFor(principal: Principal): CommandMeta {
    const call = currentRequestContext();
    // Scoped to the tenant: two tenants that happen to pick the same key must not dedupe each other's commands.
    const commandId = call?.idempotencyKey ? `${principal.tenantId}/${call.idempotencyKey}` : newId();
    return {
      commandId,
      tenantId: principal.tenantId,
      correlationId: call?.requestId ?? commandId,
      causationId: commandId,
      actor: principal.keyId,
    };
  }
}
