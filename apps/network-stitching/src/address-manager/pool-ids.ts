import type { IpFamily } from '#vorch/ipam-domain';

/** A network has at most one pool per IP version, so the pool id is derived, never stored elsewhere. */
export const poolIdOf = (networkId: string, family: IpFamily): string => `${networkId}-v${family}`;

export const networkIdOfPool = (poolId: string): string => poolId.replace(/-v[46]$/, '');
