import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { concat, ipv4, u16, u32 } from '../test-support/datagram-builders.js';
import { CaptureFormatError } from './capture-format.error.js';
import { readCapture } from './pcap-reader.js';
import { udpDatagrams } from './udp-datagrams.js';

const le32 = (v: number) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
const le16 = (v: number) => [v & 255, (v >> 8) & 255];

function ipv4Packet(id: number, fragWord: number, payload: Uint8Array, totalLength = 20 + payload.length): Uint8Array {
  return concat([0x45, 0], u16(totalLength), u16(id), u16(fragWord), [64, 17], u16(0), ipv4('192.0.2.7'), ipv4('192.0.2.8'), payload);
}
const ether = (ip: Uint8Array) => concat([2, 0, 0, 0, 0, 2], [2, 0, 0, 0, 0, 1], u16(0x0800), ip);
const udp = (payload: Uint8Array) => concat(u16(4739), u16(2055), u16(8 + payload.length), u16(0), payload);

function pcapBigEndian(...frames: Uint8Array[]): Uint8Array {
  return concat(u32(0xa1b2c3d4), u16(2), u16(4), u32(0), u32(0), u32(65535), u32(1), ...frames.flatMap((f) => [u32(1_700_000_000), u32(250_000), u32(f.length), u32(f.length), f]));
}

function pcapng(frame: Uint8Array): Uint8Array {
  const shb = concat(le32(0x0a0d0d0a), le32(28), le32(0x1a2b3c4d), le16(1), le16(0), le32(0xffffffff), le32(0xffffffff), le32(28));
  // interface description with if_tsresol = 9 (nanoseconds)
  const idb = concat(le32(1), le32(32), le16(1), le16(0), le32(65535), le16(9), le16(1), [9, 0, 0, 0], le16(0), le16(0), le32(32));
  const padded = concat(frame, new Uint8Array((4 - (frame.length % 4)) % 4));
  const ns = 1_700_000_000_500_000_000n;
  const epb = concat(le32(6), le32(32 + padded.length), le32(0), le32(Number(ns >> 32n)), le32(Number(ns & 0xffffffffn)), le32(frame.length), le32(frame.length), padded, le32(32 + padded.length));
  return concat(shb, idb, epb);
}

describe('capture reading', () => {
  const payload = Uint8Array.from({ length: 40 }, (_, i) => i);

  it('reads big-endian classic pcap and extracts the UDP payload, ignoring Ethernet padding', () => {
    const small = ether(ipv4Packet(1, 0, udp(new Uint8Array([1, 2, 3]))));
    const frames = readCapture(pcapBigEndian(concat(small, new Uint8Array(20))));
    assert.equal(frames[0].timestampMs, 1_700_000_000_250);
    const [d] = udpDatagrams(frames);
    assert.deepEqual([d.exporter, d.srcPort, d.dstPort, [...d.payload]], ['192.0.2.7', 4739, 2055, [1, 2, 3]]);
  });

  it('reads pcapng with a nanosecond interface', () => {
    const frames = readCapture(pcapng(ether(ipv4Packet(1, 0, udp(payload)))));
    assert.equal(frames.length, 1);
    assert.equal(frames[0].timestampMs, 1_700_000_000_500);
    assert.deepEqual([...udpDatagrams(frames)[0].payload], [...payload]);
  });

  it('puts IPv4 fragments back together, in whatever order they come', () => {
    const whole = udp(payload); // 48 bytes: fragments of 24 (multiple of 8) + 24
    const first = ether(ipv4Packet(9, 0x2000, whole.subarray(0, 24)));
    const second = ether(ipv4Packet(9, 24 / 8, whole.subarray(24)));
    const [d] = udpDatagrams(readCapture(pcapBigEndian(second, first)));
    assert.deepEqual([...d.payload], [...payload]);
  });

  it('refuses a file that is not a capture', () => {
    assert.throws(() => readCapture(new Uint8Array(30)), CaptureFormatError);
  });
});
