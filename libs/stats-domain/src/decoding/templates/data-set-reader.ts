import { FlowRecord } from '../flow-record.js';
import { MalformedFlowDataError } from '../malformed-flow-data.error.js';
import type { DecodeCounters } from '../decode-counters.js';
import type { CompiledTemplate } from './compiled-template.js';
import { fillFromFrame } from './data-link-frame.js';
import { readDataRecord } from './data-record-reader.js';
import { RecordExtras, samplingRateOf } from './record-extras.js';
import type { ExporterTemplates, ExportHeader } from './exporter-templates.js';
import type { TemplateDialect } from './template-dialect.js';

const extras = new RecordExtras();
/** Options records are read into this and never handed out, so they cost no allocation. */
const optionsScratch = new FlowRecord();

/**
 * Decodes every record of one data set b[at..end) with its template, appending flows to `out`. Options
 * records update the exporter's sampling rates and init times instead. Returns a problem when a record runs
 * past the set; the records before it are kept.
 */
export function readDataSet(
  b: Uint8Array, at: number, end: number, t: CompiledTemplate, dialect: TemplateDialect, header: ExportHeader,
  exporter: string, cache: ExporterTemplates, counters: DecodeCounters, out: FlowRecord[],
): MalformedFlowDataError | undefined {
  const min = t.minRecordLength;
  // Fewer bytes left than the smallest record can take: that is padding (RFC 7011 §3.3.1).
  while (end - at >= min) {
    const rec = t.isOptions ? resetScratch() : new FlowRecord();
    extras.reset();
    const next = readDataRecord(b, at, end, t, rec, extras);
    if (next < 0) return new MalformedFlowDataError('FLOW.RECORD_INVALID', `a record of template ${t.id} runs past its set`, at);
    at = next;
    if (t.isOptions) {
      applyOptions(dialect, header, cache);
      counters.optionRecords++;
      continue;
    }
    completeFlow(b, rec, dialect, header, exporter, t, cache);
    out.push(rec);
    counters.records++;
  }
  return undefined;
}

function resetScratch(): FlowRecord {
  optionsScratch.mplsLabels = undefined;
  return optionsScratch;
}

function applyOptions(dialect: TemplateDialect, header: ExportHeader, cache: ExporterTemplates): void {
  const rate = samplingRateOf(extras);
  if (rate > 0) cache.setSamplingRate(dialect.version, header.domain, extras.samplerId, rate);
  if (extras.systemInitMs > 0) cache.setSystemInitMs(dialect.version, header.domain, extras.systemInitMs);
}

/** Fills in what only the whole record and its context say: origin, counters, sampling rate, times, frame addresses. */
function completeFlow(
  b: Uint8Array, rec: FlowRecord, dialect: TemplateDialect, header: ExportHeader, exporter: string, t: CompiledTemplate, cache: ExporterTemplates,
): void {
  rec.format = dialect.format;
  rec.exporter = exporter;
  rec.observationDomainId = header.domain;
  rec.templateId = t.id;
  // Exporters send delta, total or (NetFlow v9 egress) out counters; take whichever came.
  if (rec.bytes === 0) rec.bytes = extras.totalBytes || extras.outBytes;
  if (rec.packets === 0) rec.packets = extras.totalPackets || extras.outPackets;
  rec.samplingRate = samplingRateOf(extras) || cache.samplingRate(dialect.version, header.domain, extras.samplerId) || 1;
  if (extras.startUptime >= 0 || extras.endUptime >= 0) {
    // Uptime-relative times: NetFlow v9 anchors them to the header, IPFIX to the exported system init time.
    const base = dialect.version === 9
      ? header.exportSecs * 1000 - header.sysUptimeMs
      : extras.systemInitMs || cache.systemInitMs(10, header.domain);
    if (base > 0) {
      if (extras.startUptime >= 0) rec.startMs = base + extras.startUptime;
      if (extras.endUptime >= 0) rec.endMs = base + extras.endUptime;
    }
  }
  if (extras.frameAt >= 0) fillFromFrame(b, extras.frameAt, extras.frameLength, rec);
}
