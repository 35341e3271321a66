import type { DecodeCounters } from '../decode-counters.js';
import type { FlowRecord } from '../flow-record.js';
import { MalformedFlowDataError } from '../malformed-flow-data.error.js';
import { readDataSet } from './data-set-reader.js';
import { ExporterTemplates, PENDING_LIMIT, type ExportHeader } from './exporter-templates.js';
import { readTemplateSet } from './template-set-reader.js';
import { FIRST_DATA_SET_ID, type TemplateDialect } from './template-dialect.js';

/**
 * Walks the sets of an IPFIX message or NetFlow v9 packet body b[at..end). Each set is bounded by its own
 * length, so a bad set costs only itself; only a set length that cannot be trusted (too short or past the
 * end) stops the walk, because the next set cannot be found after it.
 */
export function walkSets(
  b: Uint8Array, at: number, end: number, dialect: TemplateDialect, header: ExportHeader,
  exporter: string, cache: ExporterTemplates, counters: DecodeCounters, out: FlowRecord[], problems: MalformedFlowDataError[],
): void {
  while (end - at >= 4) {
    const setId = (b[at] << 8) | b[at + 1];
    const length = (b[at + 2] << 8) | b[at + 3];
    if (length < 4 || at + length > end) {
      problems.push(new MalformedFlowDataError('FLOW.SET_TRUNCATED', `set ${setId} claims ${length} bytes, ${end - at} remain`, at));
      counters.partsMalformed++;
      return;
    }
    const body = at + 4;
    const setEnd = at + length;
    let problem: MalformedFlowDataError | undefined;
    if (setId === dialect.templateSetId || setId === dialect.optionsTemplateSetId) {
      const outcome = readTemplateSet(b, body, setEnd, dialect, header, setId === dialect.optionsTemplateSetId, cache);
      counters.templatesLearned += outcome.learned.length;
      counters.templatesWithdrawn += outcome.withdrawn;
      problem = outcome.problem;
      if (outcome.learned.length > 0 && cache.pending.length > 0) replayPending(outcome.learned, dialect, exporter, cache, counters, out);
    } else if (setId >= FIRST_DATA_SET_ID) {
      const key = ExporterTemplates.key(dialect.version, header.domain, setId);
      const template = cache.template(key);
      if (template) problem = readDataSet(b, body, setEnd, template, dialect, header, exporter, cache, counters, out);
      else park(key, b.slice(body, setEnd), header, cache, counters);
    }
    // Set ids between the template ids and 256 are reserved: skipped, as RFC 7011 asks of collectors.
    if (problem) {
      problems.push(problem);
      counters.partsMalformed++;
    }
    at = setEnd;
  }
}

/** Keeps a copy of a data set whose template has not arrived, evicting the oldest when the buffer is full. */
function park(key: number, bytes: Uint8Array, header: ExportHeader, cache: ExporterTemplates, counters: DecodeCounters): void {
  counters.dataSetsWithoutTemplate++;
  if (cache.pending.length >= PENDING_LIMIT) {
    cache.pending.shift();
    counters.dataSetsExpired++;
  }
  cache.pending.push({ key, bytes, header });
  counters.dataSetsBuffered++;
}

function replayPending(
  learned: number[], dialect: TemplateDialect, exporter: string, cache: ExporterTemplates, counters: DecodeCounters, out: FlowRecord[],
): void {
  for (let i = 0; i < cache.pending.length; ) {
    const p = cache.pending[i];
    const template = learned.includes(p.key) ? cache.template(p.key) : undefined;
    if (!template || p.header.version !== dialect.version) {
      i++;
      continue;
    }
    cache.pending.splice(i, 1);
    counters.dataSetsReplayed++;
    // A parked set that turns out malformed is counted, but does not make the datagram that completed it malformed.
    const problem = readDataSet(p.bytes, 0, p.bytes.length, template, dialect, p.header, exporter, cache, counters, out);
    if (problem) counters.partsMalformed++;
  }
}
