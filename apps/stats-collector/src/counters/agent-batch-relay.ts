import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { validateInput, VmTrafficBatchInput, VorchError, type StatsSubjects } from '#vorch/contracts';
import { createLogger, rateLimitedLogger } from '#vorch/telemetry';
import { ensureDurable } from '../jetstream-setup.js';
import { flowRecordsTotal, statsBatchesTotal, trafficBytesTotal } from '../stats-collector.metrics.js';
import { counterMessage } from './counter-commit.js';
import { jsonBody } from '../json-message.js';

const log = createLogger('stats-collector');
const warn = rateLimitedLogger(log);
const DURABLE = 'agent-batch-relay';

/**
 * Agent mode's way in: switches publish their classified counters on `in.vswitch.<switchId>.stats`; each batch is
 * validated and moved to the counters stream (acked only after the counters stream has it, and deduplicated there
 * by its message id), where the same projection as collector mode picks it up.
 */
export class AgentBatchRelay {
  private messages?: ConsumerMessages;
  private done?: Promise<void>;
  batchesRelayed = 0;

  private constructor(private readonly nc: NatsConnection, private readonly subjects: StatsSubjects) {}

  static async start(nc: NatsConnection, subjects: StatsSubjects): Promise<AgentBatchRelay> {
    await ensureDurable(nc, subjects.inputStream, DURABLE, subjects.allStats);
    const relay = new AgentBatchRelay(nc, subjects);
    const consumer = await jetstream(nc).consumers.get(subjects.inputStream, DURABLE);
    relay.messages = await consumer.consume({ max_messages: 512 });
    relay.done = relay.run(relay.messages);
    return relay;
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.done;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const js = jetstream(this.nc);
    for await (const m of messages) {
      try {
        const batch = this.read(m);
        const out = counterMessage(this.subjects, 'agent', batch);
        await js.publish(out.subject, out.data, { msgID: out.msgID });
        m.ack();
        this.batchesRelayed++;
        statsBatchesTotal.inc({ mode: 'agent', outcome: 'published' });
        for (const r of batch.rows) {
          flowRecordsTotal.inc({ class: r.trafficClass, mode: 'agent' }, r.flows);
          trafficBytesTotal.inc({ class: r.trafficClass }, r.bytes);
        }
      } catch (err) {
        if (err instanceof VorchError) {
          statsBatchesTotal.inc({ mode: 'agent', outcome: 'rejected' });
          warn(err.code, { subject: m.subject, errors: err.errors }, 'agent counter batch rejected');
          m.term();
        } else {
          log.warn({ err, subject: m.subject }, 'agent counter batch will be retried');
          m.nak(1000);
        }
      }
    }
  }

  private read(m: JsMsg): VmTrafficBatchInput {
    const batch = validateInput(VmTrafficBatchInput, jsonBody(m));
    // The subject names the switch; a body claiming another source must not write into that switch's series.
    batch.source = m.subject.split('.').at(-2)!;
    return batch;
  }
}
