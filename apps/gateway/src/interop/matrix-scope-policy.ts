import { ForbiddenError, type ImportMatrixInput } from '#vorch/contracts';
import type { Principal } from '../auth/principal.js';

/** Global matrix entries speak for every tenant: only a platform admin publishes them. A tenant's own need an operator. */
export function assertMayImport(input: Pick<ImportMatrixInput, 'scope'>, principal: Principal): void {
  if (input.scope === 'global' && principal.role !== 'admin') {
    throw new ForbiddenError('Only an admin may import global matrix entries; import them with scope "tenant" instead');
  }
}
