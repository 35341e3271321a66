import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Metadata } from '@grpc/grpc-js';
import type { IncomingMessage } from 'node:http';
import { ForbiddenError, UnauthorizedError } from '#vorch/contracts';
import { ApiKeyRing, bearerKey } from './api-keys.js';
import { attachPrincipal } from './principal.js';
import { IS_PUBLIC } from './public.decorator.js';
import { requestCarrier } from './request-carrier.js';
import { REQUIRED_ROLE, defaultRole, roleSatisfies } from './require-role.decorator.js';
import type { Role } from './principal.js';

/**
 * Global guard for REST and gRPC alike: resolves the API key to a Principal (401 when absent or unknown) and
 * checks the handler's role (403). Routes opt out with @Public().
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyRing) private readonly keys: ApiKeyRing,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const transport = ctx.getType() === 'rpc' ? 'rpc' : 'http';
    let authorization: unknown;
    let method: string | undefined;
    if (transport === 'rpc') {
      authorization = (ctx.getArgByIndex(1) as Metadata).get('authorization')[0];
    } else {
      const req = ctx.switchToHttp().getRequest<IncomingMessage>();
      authorization = req.headers.authorization;
      method = req.method;
    }

    const key = bearerKey(authorization);
    const principal = key === undefined ? undefined : this.keys.principalFor(key);
    if (!principal) throw new UnauthorizedError();

    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ?? defaultRole(transport, method);
    if (!roleSatisfies(principal.role, required)) throw new ForbiddenError(`This needs the ${required} role`);

    attachPrincipal(requestCarrier(ctx), principal);
    return true;
  }
}
