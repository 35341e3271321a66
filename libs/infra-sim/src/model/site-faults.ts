import { InvalidRequestError } from './sim-errors.js';

export interface SiteFaultsState {
  latencyMs: number;
  errorRate: number;
  unreachable: boolean;
}

/** API-level faults injected into one site: they apply to every dialect request of the site, never to the admin API. */
export class SiteFaults {
  private state: SiteFaultsState = { latencyMs: 0, errorRate: 0, unreachable: false };

  constructor(private readonly random: () => number = Math.random) {}

  get current(): SiteFaultsState {
    return { ...this.state };
  }

  set(patch: Partial<SiteFaultsState>): SiteFaultsState {
    const next = { ...this.state, ...patch };
    if (!Number.isFinite(next.latencyMs) || next.latencyMs < 0 || next.latencyMs > 600_000) throw new InvalidRequestError('latencyMs must be between 0 and 600000');
    if (!Number.isFinite(next.errorRate) || next.errorRate < 0 || next.errorRate > 1) throw new InvalidRequestError('errorRate must be between 0 and 1');
    if (typeof next.unreachable !== 'boolean') throw new InvalidRequestError('unreachable must be a boolean');
    this.state = next;
    return this.current;
  }

  clear(): void {
    this.state = { latencyMs: 0, errorRate: 0, unreachable: false };
  }

  /** Whether this request is one of the injected failures. */
  shouldFail(): boolean {
    return this.state.errorRate > 0 && this.random() < this.state.errorRate;
  }
}
