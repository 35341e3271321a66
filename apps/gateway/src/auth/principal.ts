import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthorizedError } from '#vorch/contracts';
import { requestCarrier } from './request-carrier.js';

export type Role = 'admin' | 'operator' | 'viewer';

/** Who is calling: resolved from the API key by ApiKeyGuard before any handler runs. */
export interface Principal {
  tenantId: string;
  role: Role;
  /** A non-secret name of the key (never the key itself); it becomes the `actor` of commands. */
  keyId: string;
}

// Keyed by the call's carrier object, so the entry goes away with the request.
const principals = new WeakMap<object, Principal>();

export function attachPrincipal(carrier: object, principal: Principal): void {
  principals.set(carrier, principal);
}

export function principalOf(carrier: object): Principal | undefined {
  return principals.get(carrier);
}

/**
 * `@CurrentPrincipal() principal: Principal` in a REST or gRPC handler. Routes marked @Public() have none,
 * so asking for it there is a programming error reported as 401 rather than an undefined tenant.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = principalOf(requestCarrier(ctx));
  if (!principal) throw new UnauthorizedError();
  return principal;
});
