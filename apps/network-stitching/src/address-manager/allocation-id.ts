import { createHash } from 'node:crypto';

/**
 * An allocation's id is derived from the command that asked for it, so the same command sent twice (the gateway's
 * Idempotency-Key) names the same allocation and finds it in the ledger instead of reserving a second VIM port.
 * 26 lowercase hex digits (104 bits): fits every VIM's port-name rules (Kubernetes names included).
 */
export function allocationIdOf(commandId: string): string {
  return createHash('sha256').update(commandId).digest('hex').slice(0, 26);
}

/** The reservation port's name on the home VIM; an orphan sweeper matches `vorch-*` names against the ledger. */
export const reservationPortName = (allocationId: string): string => `vorch-alloc-${allocationId}`;

/** The owner of the reservation's MAC in the federation's MAC registry (caller port ids are not unique across networks). */
export const reservationMacOwner = reservationPortName;
