import type { AddressIndex } from '#vorch/stats-domain';

interface Round {
  ip: string;
  hostId: string;
  seenAt: (number | undefined)[];
  remaining: number;
  resolve: (seenAt: number[]) => void;
}

/**
 * Times one propagation round from the switches' own `onMapApplied` callbacks: for each switch, the moment it first
 * applied a map in which the moved VM sits on its new host. Driven by the callbacks rather than by polling 1,000
 * switches, so the measurement takes no turns of the event loop the switches need.
 */
export class PropagationWatch {
  private round?: Round;

  constructor(private readonly switches: number) {}

  /** Resolves with every switch's time once all have the VM at `hostId`; fails loudly rather than hang. */
  expect(ip: string, hostId: string, timeoutMs = 60000): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const missing = this.round?.remaining;
        this.round = undefined;
        reject(new Error(`${missing} of ${this.switches} switches did not apply ${ip} on ${hostId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.round = {
        ip, hostId, seenAt: new Array(this.switches), remaining: this.switches,
        resolve: (seenAt) => {
          clearTimeout(timer);
          resolve(seenAt);
        },
      };
    });
  }

  /** The `onMapApplied` of switch `k`, given the index it applied. */
  applied(k: number, index: AddressIndex | undefined, at: number): void {
    const round = this.round;
    if (!round || !index || round.seenAt[k] !== undefined || index.byAddress(round.ip)?.hostId !== round.hostId) return;
    round.seenAt[k] = at;
    if (--round.remaining > 0) return;
    this.round = undefined;
    round.resolve(round.seenAt as number[]);
  }
}
