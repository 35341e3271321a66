import type { FlowFormat, FlowRecord } from './flow-record.js';
import type { MalformedFlowDataError } from './malformed-flow-data.error.js';

/** What one datagram yielded: its records, and the problems that made parts of it unreadable. */
export interface DatagramResult {
  readonly format: FlowFormat | undefined;
  readonly records: FlowRecord[];
  /** Empty when the datagram was decoded cleanly; otherwise the datagram counts as malformed. */
  readonly problems: MalformedFlowDataError[];
}
