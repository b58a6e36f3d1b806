import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { relataPackageDefinition } from './proto.js';
import { rawBytesOf, rawRequestDeserializer } from './raw-request.js';

function request(fields: (w: protobuf.Writer) => protobuf.Writer): Buffer {
  return Buffer.from(fields(protobuf.Writer.create()).finish());
}

describe('raw request deserializer', () => {
  it('keeps the bytes and reads only the store id (the last one, as protobuf does)', () => {
    const bytes = request((w) => w.uint32(0x0a).string('first').uint32(0x1a).string('1.1').uint32(0x0a).string('01HSTORE'));
    const decoded = rawRequestDeserializer(bytes);
    expect(decoded.store_id).toBe('01HSTORE');
    expect(rawBytesOf(decoded)).toBe(bytes);
    expect(Object.keys(decoded)).toEqual(['store_id']);
  });

  it('leaves the store id out of garbage, truncated input and invalid UTF-8, keeping the bytes for the worker to refuse', () => {
    const truncated = request((w) => w.uint32(0x0a).string('01HSTORE')).subarray(0, 5);
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    const badUtf8 = request((w) => w.uint32(0x0a).bytes(Buffer.from([0x61, 0xff])));
    for (const bytes of [truncated, garbage, badUtf8, Buffer.alloc(0)]) {
      const decoded = rawRequestDeserializer(bytes);
      expect(decoded.store_id).toBeUndefined();
      expect(rawBytesOf(decoded)).toBe(bytes);
    }
    expect(rawBytesOf({ store_id: 'x' })).toBeUndefined();
    expect(rawBytesOf(null)).toBeUndefined();
  });

  it('is what the server runs for WriteAuthorizationModel only', () => {
    const service = relataPackageDefinition()['openfga.v1.OpenFGAService'] as unknown as Record<string, { requestDeserialize: unknown }>;
    expect(service.WriteAuthorizationModel.requestDeserialize).toBe(rawRequestDeserializer);
    expect(service.Check.requestDeserialize).not.toBe(rawRequestDeserializer);
  });
});
