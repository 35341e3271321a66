import { VorchError } from '#vorch/contracts';

/** A capture file that cannot be read as pcap or pcapng. */
export class CaptureFormatError extends VorchError {
  constructor(message: string) {
    super('STATS.CAPTURE_FORMAT', message, 400);
  }
}
