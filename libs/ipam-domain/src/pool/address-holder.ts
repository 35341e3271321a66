/**
 * How an address came to be held: picked by Vorch as the next free one, asked for by the caller, or
 * allocated by the home site's VIM (the authority for the network's addresses) and recorded here.
 */
export type AllocationSource = 'next-free' | 'specific' | 'home-vim';

/**
 * The port on the home site's VIM that holds an address Vorch allocated directly (not for a stitched port): its
 * name there is `vorch-alloc-<allocationId>`, and releasing the address deletes it.
 */
export interface HomeVimReservation {
  allocationId: string;
  vimPortId: string;
}

export interface AddressHolder {
  portId: string;
  source: AllocationSource;
  /** The port's MAC, when it is known at allocation time. */
  mac?: string;
  /** The site whose port uses the address (it may differ from the home site that owns the network). */
  site?: string;
  /** Present only on allocations made through the home VIM by the address manager itself (events since it existed). */
  reservation?: HomeVimReservation;
}
