import { CaptureFormatError } from './capture-format.error.js';

/** One captured frame and the link type that says how to read it (1 = Ethernet). */
export interface CapturedFrame {
  readonly timestampMs: number;
  readonly linkType: number;
  readonly data: Uint8Array;
}

const PCAP_MAGIC_US = 0xa1b2c3d4;
const PCAP_MAGIC_NS = 0xa1b23c4d;
const PCAPNG_SECTION = 0x0a0d0d0a;

/** Reads classic libpcap (either byte order, µs or ns) and pcapng captures held in memory. */
export function readCapture(file: Uint8Array): CapturedFrame[] {
  if (file.length < 4) throw new CaptureFormatError('capture is shorter than its magic number');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint32(0, true) === PCAPNG_SECTION) return readPcapng(file, view);
  return readPcap(file, view);
}

function readPcap(file: Uint8Array, view: DataView): CapturedFrame[] {
  if (file.length < 24) throw new CaptureFormatError('pcap global header is truncated');
  let le: boolean;
  const magicLe = view.getUint32(0, true);
  const magicBe = view.getUint32(0, false);
  if (magicLe === PCAP_MAGIC_US || magicLe === PCAP_MAGIC_NS) le = true;
  else if (magicBe === PCAP_MAGIC_US || magicBe === PCAP_MAGIC_NS) le = false;
  else throw new CaptureFormatError(`not a pcap file (magic ${magicBe.toString(16)})`);
  const nanos = (le ? magicLe : magicBe) === PCAP_MAGIC_NS;
  const linkType = view.getUint32(20, le) & 0x0fffffff;
  const frames: CapturedFrame[] = [];
  let at = 24;
  while (at + 16 <= file.length) {
    const sec = view.getUint32(at, le);
    const frac = view.getUint32(at + 4, le);
    const captured = view.getUint32(at + 8, le);
    if (at + 16 + captured > file.length) throw new CaptureFormatError(`pcap record at byte ${at} runs past the end`);
    frames.push({ timestampMs: sec * 1000 + (nanos ? frac / 1e6 : frac / 1e3), linkType, data: file.subarray(at + 16, at + 16 + captured) });
    at += 16 + captured;
  }
  return frames;
}

function readPcapng(file: Uint8Array, view: DataView): CapturedFrame[] {
  const frames: CapturedFrame[] = [];
  let le = true;
  // Link type and timestamp unit per interface, by interface id, reset at each section.
  let interfaces: { linkType: number; unitsPerMs: number }[] = [];
  let at = 0;
  while (at + 12 <= file.length) {
    const type = view.getUint32(at, le);
    if (type === PCAPNG_SECTION) {
      le = view.getUint32(at + 8, true) === 0x1a2b3c4d;
      interfaces = [];
    }
    const length = view.getUint32(at + 4, le);
    if (length < 12 || at + length > file.length) throw new CaptureFormatError(`pcapng block at byte ${at} has a bad length`);
    if (type === 1) {
      interfaces.push({ linkType: view.getUint16(at + 8, le), unitsPerMs: interfaceResolution(file, view, at, length, le) });
    } else if (type === 6) {
      const iface = interfaces[view.getUint32(at + 8, le)];
      if (!iface) throw new CaptureFormatError(`pcapng packet at byte ${at} names an unknown interface`);
      const ts = view.getUint32(at + 12, le) * 2 ** 32 + view.getUint32(at + 16, le);
      const captured = view.getUint32(at + 20, le);
      if (28 + captured > length) throw new CaptureFormatError(`pcapng packet at byte ${at} runs past its block`);
      frames.push({ timestampMs: ts / iface.unitsPerMs, linkType: iface.linkType, data: file.subarray(at + 28, at + 28 + captured) });
    }
    at += length;
  }
  return frames;
}

/** Units of the interface's timestamps per millisecond, from its if_tsresol option (default µs). */
function interfaceResolution(file: Uint8Array, view: DataView, block: number, length: number, le: boolean): number {
  let at = block + 16;
  const end = block + length - 4;
  while (at + 4 <= end) {
    const code = view.getUint16(at, le);
    const len = view.getUint16(at + 2, le);
    if (code === 0) break;
    if (code === 9 && len === 1) {
      const v = file[at + 4];
      const units = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
      return units / 1000;
    }
    at += 4 + ((len + 3) & ~3);
  }
  return 1000;
}
