import { ConflictError, VorchError } from '#vorch/contracts';

export class InvalidMacError extends VorchError {
  constructor(input: string, reason: string) {
    super('MAC.INVALID', `"${input}" is not a valid MAC: ${reason}`, 400, { input });
  }
}

export class InvalidMacPrefixError extends VorchError {
  constructor(input: string, reason: string) {
    super('MAC_PREFIX.INVALID', `"${input}" is not a valid MAC prefix: ${reason}`, 400, { input });
  }
}

/** Two sites whose prefixes overlap could hand out the same MAC: refused, naming the site already there. */
export class MacPrefixOverlapError extends ConflictError {
  constructor(prefix: string, site: string, otherPrefix: string) {
    super('MAC_PREFIX.OVERLAP', `${prefix} overlaps ${otherPrefix}, the prefix of site ${site}`, { prefix, site, otherPrefix });
  }
}

export class MacPrefixAlreadyAssignedError extends ConflictError {
  constructor(site: string, prefix: string) {
    super('MAC_PREFIX.ALREADY_ASSIGNED', `Site ${site} already allocates MACs from ${prefix}; send replace: true to change it`, { site, prefix });
  }
}

export class MacPrefixMissingError extends ConflictError {
  constructor(site: string) {
    super('MAC_PREFIX.MISSING', `Site ${site} has no MAC prefix to allocate from`, { site });
  }
}

export class MacExhaustedError extends ConflictError {
  constructor(site: string, prefix: string) {
    super('MAC.EXHAUSTED', `Every MAC of ${prefix} (site ${site}) is taken`, { site, prefix });
  }
}

export class MacTakenError extends ConflictError {
  constructor(mac: string, holder: string) {
    super('MAC.TAKEN', `${mac} is already held by ${holder}`, { mac, holder });
  }
}

export class PortHasMacError extends ConflictError {
  constructor(portId: string, mac: string) {
    super('PORT.HAS_MAC', `Port ${portId} already holds ${mac}`, { portId, mac });
  }
}

export class MacNotHeldError extends ConflictError {
  constructor(mac: string, portId: string, holder: string) {
    super('MAC.NOT_HELD', `${mac} is held by ${holder}, not by ${portId}`, { mac, portId, holder });
  }
}

/**
 * A site with a registered prefix handed out a MAC outside it: either the VIM is configured with another base MAC
 * than the one registered, or the registered prefix is wrong. Refused, because a MAC outside the site's prefix may
 * fall inside another site's and collide there.
 */
export class MacOutsidePrefixError extends ConflictError {
  constructor(mac: string, site: string, prefix: string) {
    super(
      'MAC.OUTSIDE_PREFIX',
      `${mac} is outside ${prefix}, the MAC prefix registered for site ${site}: the site's VIM hands out MACs Vorch did not register for it (fix the VIM's base MAC or the registered prefix)`,
      { mac, site, prefix },
    );
  }
}

/** A prefix that still holds another site's MACs (one it used before its prefix was replaced) cannot go to this site. */
export class MacPrefixInUseError extends ConflictError {
  constructor(prefix: string, mac: string, site: string) {
    super('MAC_PREFIX.IN_USE', `${prefix} holds ${mac}, which site ${site} still uses; release its MACs there first`, { prefix, mac, site });
  }
}
