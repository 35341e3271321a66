import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunners } from '#vorch/projections';
import { createLogger } from '#vorch/telemetry';
import { INTEROP_SETTINGS, type InteropSettings } from './interop-settings.js';

const log = createLogger('interop');

/**
 * Commands reply once the read model includes their events, so a caller's next query sees what it just did.
 * Waiting longer than the limit only delays the reply: the write itself has succeeded, so a timeout is logged, not thrown.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly runners: ProjectionRunners,
    @Inject(INTEROP_SETTINGS) private readonly settings: InteropSettings,
  ) {}

  async waitFor(seq: number): Promise<void> {
    if (seq <= 0) return;
    try {
      await this.runners.get(this.settings.projectionName).waitForSeq(seq, this.settings.readYourWritesMs);
    } catch (err) {
      log.warn({ err, seq }, 'read model is behind; replying before it caught up');
    }
  }
}
