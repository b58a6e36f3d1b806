import type { Metadata } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ErrorCode, InternalError, NotFoundError, RelataError, ValidationError } from '../../model/index.js';
import { clipMessage, grpcStatusOf, internalErrorMessage, maxStatusMessageBytes, toGrpcError } from './error-status.js';

describe('toGrpcError', () => {
  it('maps every ErrorCode (the table is exhaustive)', () => {
    const codes = Object.values(ErrorCode).filter((v): v is ErrorCode => typeof v === 'number');
    for (const code of codes) expect(grpcStatusOf[code], ErrorCode[code]).toBeTypeOf('number');
    expect(Object.keys(grpcStatusOf)).toHaveLength(codes.length);
  });

  it('keeps a typed error public and carries OpenFGA code in the trailer', () => {
    const { response, internal } = toGrpcError(new ValidationError(ErrorCode.InvalidTuple, "Invalid tuple 'x'"));
    expect(response.code).toBe(status.INVALID_ARGUMENT);
    expect(response.details).toBe("Invalid tuple 'x'");
    expect((response.metadata as Metadata).get('openfga-error-code')).toEqual(['2027']);
    expect((response.metadata as Metadata).get('openfga-error-name')).toEqual(['invalid_tuple']);
    expect(internal).toBe(false);
  });

  it('maps store not found to NOT_FOUND', () => {
    expect(toGrpcError(new NotFoundError(ErrorCode.StoreIdNotFound, 'Store ID not found')).response.code).toBe(status.NOT_FOUND);
  });

  it('hides internal causes', () => {
    for (const error of [new Error('connection to 10.0.0.5 refused, password=x'), new InternalError('db said: boom'), 'weird']) {
      const mapped = toGrpcError(error);
      expect(mapped.response.code).toBe(status.INTERNAL);
      expect(mapped.response.details).toBe(internalErrorMessage);
      expect(mapped.internal).toBe(true);
    }
  });

  it('can send OpenFGA numeric codes as the status, as OpenFGA does', () => {
    const { response } = toGrpcError(new RelataError(ErrorCode.AuthorizationModelNotFound, 'not found'), { openfgaStatusCodes: true });
    expect(response.code).toBe(2001);
  });
});

describe('grpc-status-details-bin', () => {
  it('decodes as google.rpc.Status with an ErrorInfo detail', () => {
    const { response } = toGrpcError(new ValidationError(ErrorCode.InvalidTuple, 'bad tuple'));
    const [bin] = (response.metadata as Metadata).get('grpc-status-details-bin') as Buffer[];
    // Minimal protobuf reader for the three known messages.
    const read = (buf: Buffer) => {
      const fields: { field: number; value: number | Buffer }[] = [];
      let i = 0;
      const varint = () => {
        let result = 0;
        let shift = 0;
        for (;;) {
          const b = buf[i++];
          result |= (b & 0x7f) << shift;
          if (b < 0x80) return result;
          shift += 7;
        }
      };
      while (i < buf.length) {
        const key = varint();
        if ((key & 7) === 0) fields.push({ field: key >> 3, value: varint() });
        else {
          const length = varint();
          fields.push({ field: key >> 3, value: buf.subarray(i, i + length) });
          i += length;
        }
      }
      return fields;
    };
    const statusFields = read(bin);
    expect(statusFields[0]).toEqual({ field: 1, value: status.INVALID_ARGUMENT });
    expect(String(statusFields[1].value)).toBe('bad tuple');
    const any = read(statusFields[2].value as Buffer);
    expect(String(any[0].value)).toBe('type.googleapis.com/google.rpc.ErrorInfo');
    const info = read(any[1].value as Buffer);
    expect(String(info[0].value)).toBe('invalid_tuple');
    expect(String(info[1].value)).toBe('openfga.dev');
    const entry = read(info[2].value as Buffer);
    expect(entry.map((f) => String(f.value))).toEqual(['code', '2027']);
  });
});

describe('status size', () => {
  it('clips a message quoting a huge input, so the trailers stay within what peers accept', () => {
    for (const id of ['a'.repeat(64 * 1024), 'é'.repeat(1024 * 1024), '😀'.repeat(3000)]) {
      const { response } = toGrpcError(new ValidationError(ErrorCode.ObjectTooLong, `invalid object '${id}'`));
      expect(Buffer.byteLength(response.details ?? '')).toBeLessThanOrEqual(maxStatusMessageBytes);
      expect(response.details?.endsWith('…')).toBe(true);
      expect(response.details).not.toContain('\uFFFD');
      const trailers = (response.metadata as Metadata).toHttp2Headers();
      const bytes = Object.entries(trailers).reduce((sum, [k, v]) => sum + k.length + String(v).length, 0);
      expect(bytes).toBeLessThan(4096);
    }
  });

  it('keeps a short message as it is', () => {
    expect(clipMessage("invalid object 'doc:1'")).toBe("invalid object 'doc:1'");
    expect(clipMessage('é'.repeat(512))).toBe('é'.repeat(512));
  });
});
