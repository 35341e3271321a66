import type { CompiledTemplate } from './compiled-template.js';

/** A data set that arrived before its template, kept (a copy) in case the template follows shortly. */
export interface PendingDataSet {
  readonly key: number;
  readonly bytes: Uint8Array;
  readonly header: ExportHeader;
}

/** The header values a data record needs to place its timestamps. */
export interface ExportHeader {
  readonly version: 9 | 10;
  readonly domain: number;
  readonly exportSecs: number;
  /** NetFlow v9 only: exporter uptime in ms when the packet was sent. */
  readonly sysUptimeMs: number;
}

/**
 * Templates one exporter may define across all its domains. Real exporters use tens; the limit keeps a
 * broken or hostile exporter from growing the collector's memory without bound.
 */
export const TEMPLATE_LIMIT = 4096;

/** How many early data sets one exporter may park: enough to ride out a template sent just after its data. */
export const PENDING_LIMIT = 32;

/**
 * Everything learned from one exporter (one source address): templates, sampling rates and system init
 * times, per observation domain / source id. The collector keeps one per exporter address and passes it to
 * each decode call; the decoders never look beyond it, so one exporter cannot spoil another's templates.
 */
export class ExporterTemplates {
  private readonly templates = new Map<number, CompiledTemplate>();
  /** Sampling rate per (version, domain, sampler id); sampler id 0 holds a domain-wide rate. */
  private readonly samplers = new Map<number, Map<number, number>>();
  private readonly systemInit = new Map<number, number>();
  readonly pending: PendingDataSet[] = [];

  static key(version: 9 | 10, domain: number, templateId: number): number {
    // Fits in 2^49, inside the safe integer range: version bit, 32-bit domain, 16-bit template id.
    return (version === 9 ? 2 ** 48 : 0) + domain * 65536 + templateId;
  }

  private static domainKey(version: 9 | 10, domain: number): number {
    return (version === 9 ? 2 ** 32 : 0) + domain;
  }

  template(key: number): CompiledTemplate | undefined {
    return this.templates.get(key);
  }

  learn(key: number, template: CompiledTemplate): void {
    this.templates.set(key, template);
  }

  withdraw(key: number): boolean {
    return this.templates.delete(key);
  }

  /** Withdraws every template of one domain (IPFIX "all templates withdrawal"). */
  withdrawAll(version: 9 | 10, domain: number, isOptions: boolean): number {
    let n = 0;
    for (const [key, t] of this.templates) {
      if (t.isOptions === isOptions && Math.floor(key / 65536) === Math.floor(ExporterTemplates.key(version, domain, 0) / 65536)) {
        this.templates.delete(key);
        n++;
      }
    }
    return n;
  }

  get templateCount(): number {
    return this.templates.size;
  }

  setSamplingRate(version: 9 | 10, domain: number, samplerId: number, rate: number): void {
    const k = ExporterTemplates.domainKey(version, domain);
    let m = this.samplers.get(k);
    if (!m) this.samplers.set(k, (m = new Map()));
    m.set(samplerId, rate);
  }

  /** The rate for a sampler id, falling back to the domain-wide rate; 0 when nothing is known. */
  samplingRate(version: 9 | 10, domain: number, samplerId: number): number {
    const m = this.samplers.get(ExporterTemplates.domainKey(version, domain));
    if (!m) return 0;
    return m.get(samplerId) ?? m.get(0) ?? 0;
  }

  setSystemInitMs(version: 9 | 10, domain: number, ms: number): void {
    this.systemInit.set(ExporterTemplates.domainKey(version, domain), ms);
  }

  systemInitMs(version: 9 | 10, domain: number): number {
    return this.systemInit.get(ExporterTemplates.domainKey(version, domain)) ?? 0;
  }
}
