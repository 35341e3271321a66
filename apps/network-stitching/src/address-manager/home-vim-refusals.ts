import { VorchError } from '#vorch/contracts';
import { PoolExhaustedError } from '#vorch/ipam-domain';
import { isUnreachable } from '../stitching/vim-client.js';
import { AddressTakenOnVimError, HomeSiteUnreachableError } from './address-manager.errors.js';

/**
 * How each dialect says "no address left" and "this address is taken" (the drivers turn both into DRIVER.CONFLICT
 * and keep the VIM's own code in `details.vimCode`): Neutron names its faults; vSphere answers
 * UNABLE_TO_ALLOCATE_RESOURCE / ALREADY_EXISTS; Kubernetes has only the generic `Conflict` reason, so there the
 * message decides, and without a recognisable message a refused next-free means exhausted, a refused named
 * address means taken.
 */
const EXHAUSTED_CODES = new Set(['IpAddressGenerationFailure', 'UNABLE_TO_ALLOCATE_RESOURCE']);
const TAKEN_CODES = new Set(['IpAddressAlreadyAllocated', 'IpAddressInUse', 'ALREADY_EXISTS']);
const EXHAUSTED_TEXT = /no free (ip )?address|exhausted|no more ip/i;
const TAKEN_TEXT = /already (in use|allocated)|in use/i;

export interface RefusalContext {
  poolId: string;
  cidr: string;
  site: string;
  /** The address asked for, when one was named. */
  address?: string;
}

export type AddressRefusal = 'exhausted' | 'taken' | undefined;

export function classifyVimRefusal(err: unknown, named: boolean): AddressRefusal {
  if (!(err instanceof VorchError) || err.code !== 'DRIVER.CONFLICT') return undefined;
  const vimCode = String(err.details?.vimCode ?? '');
  const text = `${String(err.details?.vimMessage ?? '')} ${err.message}`;
  // A MAC clash or a name already taken (a port left by an earlier attempt) is neither: the driver's error stands.
  if (vimCode === 'MacAddressInUse' || vimCode === 'AlreadyExists') return undefined;
  if (EXHAUSTED_CODES.has(vimCode)) return 'exhausted';
  if (TAKEN_CODES.has(vimCode)) return 'taken';
  if (EXHAUSTED_TEXT.test(text)) return 'exhausted';
  if (TAKEN_TEXT.test(text)) return 'taken';
  return named ? 'taken' : 'exhausted';
}

/** The VIM's refusal as the address manager's own typed error; anything else goes up unchanged. */
export function vimRefusalError(err: unknown, c: RefusalContext): unknown {
  if (isUnreachable(err)) return new HomeSiteUnreachableError(c.site, (err as Error).message);
  switch (classifyVimRefusal(err, c.address !== undefined)) {
    case 'exhausted':
      return new PoolExhaustedError(c.poolId, c.cidr);
    case 'taken':
      return new AddressTakenOnVimError(c.address ?? '(next free)', c.site);
    default:
      return err;
  }
}
