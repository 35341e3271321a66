import { createSocket, type Socket } from 'node:dgram';
import { buildIpfixMessage, type ExportedFlow } from './ipfix-datagram.js';

export interface IpfixExporterOptions {
  host: string;
  port: number;
  observationDomainId?: number;
  /** Flows per message; 30 IPv4 records keep a message under 1,500 bytes. */
  flowsPerMessage?: number;
  /** Templates are repeated every this many messages (UDP may lose the first ones). */
  templateEvery?: number;
}

/**
 * Collector mode's switch side: exports flows as IPFIX over UDP, the way Open vSwitch or a router would.
 * Fire and forget, like any UDP exporter: the collector counts what it receives, decodes and drops.
 */
export class IpfixExporter {
  private readonly socket: Socket;
  private sequence = 0;
  private messages = 0;
  /** Datagrams and records handed to the socket so far. */
  datagramsSent = 0;
  recordsSent = 0;

  constructor(private readonly opts: IpfixExporterOptions) {
    this.socket = createSocket(opts.host.includes(':') ? 'udp6' : 'udp4');
  }

  async export(flows: readonly ExportedFlow[]): Promise<void> {
    const per = this.opts.flowsPerMessage ?? 30;
    for (let i = 0; i < flows.length; i += per) {
      const chunk = flows.slice(i, i + per);
      const message = buildIpfixMessage(chunk, {
        observationDomainId: this.opts.observationDomainId ?? 1,
        sequence: this.sequence,
        exportTimeSec: Math.floor(Date.now() / 1000),
        withTemplates: this.messages % (this.opts.templateEvery ?? 20) === 0,
      });
      this.messages++;
      this.sequence += chunk.length;
      await new Promise<void>((resolve, reject) => this.socket.send(message, this.opts.port, this.opts.host, (err) => (err ? reject(err) : resolve())));
      this.datagramsSent++;
      this.recordsSent += chunk.length;
    }
  }

  close(): void {
    this.socket.close();
  }
}
