import { createLogger } from '#vorch/telemetry';
import type { KvLease } from './kv-lease.js';

const log = createLogger('lease');

export interface LeaderCallbacks {
  /** How often to take or renew: well inside the lease's ttl (a third of it leaves two tries before it runs out). */
  renewEveryMs: number;
  /** This process became the holder: start the work that must run once per deployment. */
  onGained(): Promise<void> | void;
  /** It is no longer (another took over, NATS unreachable for a ttl, or stop): stop that work. */
  onLost(): Promise<void> | void;
}

export interface Leadership {
  /** True between onGained and onLost. */
  readonly leading: boolean;
  /** Stops renewing, runs onLost if it led, and releases the lease so another replica takes over at once. */
  stop(): Promise<void>;
}

/**
 * Runs a task only while holding `lease`: tries to take or renew it every `renewEveryMs`, and calls onGained /
 * onLost on every change. Renewing never waits for the callbacks (a slow start must not let the lease run out);
 * the callbacks run one after the other, in order. A renewal that cannot reach NATS keeps the task running only
 * until the lease's own deadline (measured on this process's clock), after which the key has expired on the server
 * and another replica may hold it: the task is stopped then, as after a partition.
 * Resolves after the first attempt, so a caller knows at once whether it leads.
 */
export async function runWhileLeader(lease: KvLease, cb: LeaderCallbacks): Promise<Leadership> {
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let expiry: NodeJS.Timeout | undefined;
  let transitions: Promise<void> = Promise.resolve();
  let tick: Promise<void> = Promise.resolve();

  const become = (lead: boolean) => {
    if (lead === leading) return;
    leading = lead;
    log.info({ key: lease.key, holder: lease.holder, leading: lead }, lead ? 'lease gained' : 'lease lost');
    const callback = lead ? cb.onGained : cb.onLost;
    transitions = transitions.then(callback).catch((err: unknown) => log.error({ err, key: lease.key }, 'leadership callback failed'));
  };

  const attempt = async () => {
    try {
      become(await lease.hold());
    } catch (err) {
      // NATS did not answer: keep leading while the last renewal still covers us, not a moment longer.
      log.warn({ err, key: lease.key }, 'lease renewal failed');
      become(lease.held);
    }
    // Stop on the dot when the last renewal runs out (the server's key outlives it), not at the next attempt.
    clearTimeout(expiry);
    if (leading && !stopped) {
      expiry = setTimeout(() => become(lease.held), lease.remainingMs + 1);
      expiry.unref();
    }
  };

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick = attempt().finally(loop);
    }, cb.renewEveryMs);
    timer.unref();
  };

  tick = attempt();
  await tick;
  loop();

  return {
    get leading() {
      return leading;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await tick;
      clearTimeout(expiry);
      become(false);
      await transitions;
      await lease.release().catch((err: unknown) => log.warn({ err, key: lease.key }, 'lease not released; it expires by itself'));
    },
  };
}
