import { VorchError } from '#vorch/contracts';

/**
 * Why part of a datagram could not be decoded. Returned (never thrown) by the decoders next to whatever
 * they could decode; the collector counts it and logs it rate-limited by `code`.
 */
export class MalformedFlowDataError extends VorchError {
  constructor(code: MalformedCode, message: string, readonly offset: number) {
    super(code, message, 400, { offset });
  }
}

export type MalformedCode =
  | 'FLOW.UNKNOWN_FORMAT'
  | 'FLOW.HEADER_TRUNCATED'
  | 'FLOW.LENGTH_MISMATCH'
  | 'FLOW.SET_TRUNCATED'
  | 'FLOW.TEMPLATE_INVALID'
  | 'FLOW.RECORD_INVALID'
  | 'FLOW.SAMPLE_TRUNCATED'
  | 'FLOW.SAMPLE_INVALID';
