import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// Test support only (never exported from the library); the lint config lets test support use the testing library.
import { repoRoot } from '#vorch/testing';
import { readCapture } from '../capture/pcap-reader.js';
import { udpDatagrams, type CapturedDatagram } from '../capture/udp-datagrams.js';

/**
 * The public flow-export captures shipped beside the repository (shared/data/flow-export). Tests fail, not
 * skip, when they are missing: a decoder that was never checked against real exporters is not tested.
 */
export function flowExportDir(root = repoRoot()): string {
  const dir = join(root, '..', 'shared', 'data', 'flow-export');
  if (!existsSync(join(dir, 'akvorado')) || !existsSync(join(dir, 'pmacct'))) {
    throw new Error(`flow-export captures not found at ${dir}: check out the shared data folder beside the repository`);
  }
  return dir;
}

export function captureDatagrams(relativePath: string): CapturedDatagram[] {
  return udpDatagrams(readCapture(readFileSync(join(flowExportDir(), relativePath))));
}

export function captureText(relativePath: string): string {
  return readFileSync(join(flowExportDir(), relativePath), 'utf8');
}
