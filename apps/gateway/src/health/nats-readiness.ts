import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from '#vorch/messaging';

const probeTimeoutMs = 1000;

/** Ready means the NATS connection carries traffic right now: a flush round-trip answers within a second. */
@Injectable()
export class NatsReadiness {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async isReady(): Promise<boolean> {
    if (this.nc.isClosed()) return false;
    let timer: NodeJS.Timeout | undefined;
    // While disconnected the client holds the PING until it reconnects, so the timeout is what answers "no".
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), probeTimeoutMs)));
    try {
      return await Promise.race([this.nc.flush().then(() => true, () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
