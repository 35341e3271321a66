/**
 * How an address came to be held: picked by Vorch as the next free one, asked for by the caller, or
 * allocated by the home site's VIM (the authority for the network's addresses) and recorded here.
 */
export type AllocationSource = 'next-free' | 'specific' | 'home-vim';

export interface AddressHolder {
  portId: string;
  source: AllocationSource;
  /** The port's MAC, when it is known at allocation time. */
  mac?: string;
  /** The site whose port uses the address (it may differ from the home site that owns the network). */
  site?: string;
}
