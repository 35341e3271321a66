import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal.js';

export const REQUIRED_ROLE = Symbol('vorch:required-role');

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * The least role a handler (or every handler of a controller) needs. Without it a REST GET/HEAD needs `viewer`
 * and any other method `operator`; a gRPC method needs `operator` (gRPC has no read verbs, so reads say
 * `@RequireRole('viewer')`).
 */
export const RequireRole = (role: 'viewer' | 'operator' | 'admin') => SetMetadata(REQUIRED_ROLE, role);

export function roleSatisfies(held: Role, required: Role): boolean {
  return rank[held] >= rank[required];
}

export function defaultRole(transport: 'http' | 'rpc', method: string | undefined): Role {
  if (transport === 'rpc') return 'operator';
  return method === 'GET' || method === 'HEAD' ? 'viewer' : 'operator';
}
