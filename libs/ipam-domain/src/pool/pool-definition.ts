/** A range of addresses as text, both ends included. */
export interface AddressRangeText {
  start: string;
  end: string;
}

export interface ReservedRangeText extends AddressRangeText {
  /** Why nobody may have these (DHCP agents, VRRP, a physical appliance); shown in ADDRESS.RESERVED errors. */
  reason?: string;
}

/** What an operator asks for. Everything but the CIDR has a default. */
export interface PoolDefinition {
  cidr: string;
  /** Omitted: the first host address. `null`: the network has no gateway. */
  gateway?: string | null;
  /** Where next-free allocation looks, in this order. Omitted: every host address of the subnet. */
  allocationRanges?: AddressRangeText[];
  reserved?: ReservedRangeText[];
}

/** The definition with every default applied and every address in canonical text: what PoolCreated records. */
export interface PoolLayout {
  cidr: string;
  gateway: string | null;
  allocationRanges: AddressRangeText[];
  reserved: Required<ReservedRangeText>[];
}
