import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from '@nats-io/transport-node';
import { newId, type DatagramCountersView, type StatsSubjects, type StatsTrafficClass } from '#vorch/contracts';
import { DecodeCounters, decodeDatagram, ExporterTemplates } from '#vorch/stats-domain';
import { AddressMapFollower, TrafficAccumulator } from '#vorch/vswitch-agent';
import { createLogger, rateLimitedLogger } from '#vorch/telemetry';
import { flowDatagramsTotal, flowRecordsTotal, trafficBytesTotal, addressMapRevision } from '../stats-collector.metrics.js';
import { CounterPublisher } from './counter-publisher.js';
import { kernelSocketDrops } from './socket-drops.js';
import { splitBatch } from '../counters/split-batch.js';

const log = createLogger('stats-collector');
const warnMalformed = rateLimitedLogger(log);

export interface FlowCollectorOptions {
  /** UDP ports to listen on (IPFIX, NetFlow v9, sFlow; every port takes every format); 0 = a free port. */
  ports: number[];
  host: string;
  /** How often the in-memory interval is published as a counter batch. */
  flushMs: number;
}

/**
 * Collector mode: receives flow exports over UDP, decodes them with stats-domain (templates kept per exporter),
 * classifies every record with the distributed address map and adds it to the current interval, which is
 * published to JetStream every `flushMs`. Decoding is synchronous in the socket callback, so nothing queues in
 * between; what the kernel drops (receive buffer full) is read from the socket's drop counter.
 */
export class FlowCollector {
  private readonly sockets: Socket[] = [];
  private readonly boundPorts: number[] = [];
  private readonly templates = new Map<string, ExporterTemplates>();
  private readonly accumulator = new TrafficAccumulator();
  private readonly counters = new DecodeCounters();
  private readonly recordsByClass: Record<StatsTrafficClass, number> = { 'intra-server': 0, 'inter-server-intra-domain': 0, 'inter-domain': 0, external: 0 };
  private readonly publisher: CounterPublisher;
  private readonly source = `collector-${newId()}`;
  private readonly kernelDropsSeen = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private batchSeq = 0;

  private constructor(nc: NatsConnection, subjects: StatsSubjects, private readonly map: AddressMapFollower, private readonly opts: FlowCollectorOptions) {
    this.publisher = new CounterPublisher(nc, subjects);
  }

  static async start(nc: NatsConnection, subjects: StatsSubjects, opts: FlowCollectorOptions): Promise<FlowCollector> {
    const map = await AddressMapFollower.start(nc, subjects.addressMapBucket, (revision) => addressMapRevision.set(revision));
    const collector = new FlowCollector(nc, subjects, map, opts);
    for (const port of opts.ports) {
      const socket = await collector.listen(port);
      collector.sockets.push(socket);
      collector.boundPorts.push((socket.address() as AddressInfo).port);
    }
    collector.timer = setInterval(() => void collector.flush(), opts.flushMs);
    return collector;
  }

  /** The ports actually bound, in the order configured. */
  get ports(): number[] {
    return [...this.boundPorts];
  }

  get mapRevision(): number {
    return this.map.revision;
  }

  waitForMapRevision(revision: number): Promise<void> {
    return this.map.waitForRevision(revision);
  }

  counterView(): DatagramCountersView {
    const c = this.counters;
    return {
      received: c.datagramsReceived,
      decoded: c.datagramsDecoded,
      malformed: c.datagramsMalformed,
      dropped: c.datagramsDropped,
      records: c.records,
      recordsByClass: { ...this.recordsByClass },
      recordsDropped: this.publisher.recordsDropped,
      recordsPending: this.accumulator.pending,
      batchesPublished: this.publisher.batchesPublished,
      batchesQueued: this.publisher.queued,
    };
  }

  /** Closes the interval now and publishes everything queued (also used by tests and on shutdown). */
  async flush(): Promise<void> {
    await this.countKernelDrops();
    const records = this.accumulator.pending;
    const batch = this.accumulator.drain(this.source, 0, this.map.revision);
    if (batch) {
      const parts = splitBatch(batch, this.batchSeq + 1);
      this.batchSeq += parts.length;
      parts.forEach((part, i) => this.publisher.enqueue(part, i === 0 ? records : 0));
    }
    await this.publisher.sendPending();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await this.flush();
    this.map.stop();
  }

  private listen(port: number): Promise<Socket> {
    const socket = createSocket({ type: this.opts.host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 8 * 1024 * 1024 });
    socket.on('message', (datagram, rinfo) => this.receive(datagram, rinfo.address));
    socket.on('error', (err) => log.error({ err, port }, 'flow listener socket error'));
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, this.opts.host, () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  }

  private receive(datagram: Buffer, exporter: string): void {
    let cache = this.templates.get(exporter);
    if (!cache) {
      cache = new ExporterTemplates();
      this.templates.set(exporter, cache);
    }
    const before = this.counters.datagramsMalformed;
    const result = decodeDatagram(datagram, exporter, cache, this.counters);
    const malformed = this.counters.datagramsMalformed > before;
    flowDatagramsTotal.inc({ outcome: 'received' });
    flowDatagramsTotal.inc({ outcome: malformed ? 'malformed' : 'decoded' });
    for (const p of result.problems) warnMalformed(p.code, { exporter, code: p.code, offset: p.offset }, p.message);
    if (result.records.length === 0) return;
    // Metrics are added once per datagram and class: a labelled inc per record would cost more than decoding.
    const index = this.map.index;
    const byClass = new Map<StatsTrafficClass, { records: number; bytes: number }>();
    for (const flow of result.records) {
      const cls = this.accumulator.addFlow(index, flow);
      this.recordsByClass[cls]++;
      const t = byClass.get(cls) ?? { records: 0, bytes: 0 };
      t.records++;
      t.bytes += (flow.bytes + flow.reverseBytes) * flow.samplingRate;
      byClass.set(cls, t);
    }
    for (const [cls, t] of byClass) {
      flowRecordsTotal.inc({ class: cls, mode: 'collector' }, t.records);
      trafficBytesTotal.inc({ class: cls }, t.bytes);
    }
  }

  private async countKernelDrops(): Promise<void> {
    for (const port of this.boundPorts) {
      const total = await kernelSocketDrops(port);
      const delta = total - (this.kernelDropsSeen.get(port) ?? 0);
      this.kernelDropsSeen.set(port, total);
      if (delta > 0) {
        this.counters.countDropped(delta);
        flowDatagramsTotal.inc({ outcome: 'dropped' }, delta);
      }
    }
  }
}
