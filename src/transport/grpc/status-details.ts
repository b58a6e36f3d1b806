// `grpc-status-details-bin`: the standard rich error detail (google.rpc.Status carrying one
// google.rpc.ErrorInfo), so that clients with rich-error support (Go's status.Details(), Java's
// StatusProto, ...) read OpenFGA's code without knowing Relata's trailers. Hand-encoded: the
// three messages are tiny and stable, and this avoids shipping google/rpc protos.
//
//   google.rpc.Status    { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; }
//   google.protobuf.Any  { string type_url = 1; bytes value = 2; }
//   google.rpc.ErrorInfo { string reason = 1; string domain = 2; map<string, string> metadata = 3; }

export const statusDetailsHeader = 'grpc-status-details-bin';
export const errorInfoDomain = 'openfga.dev';

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

function lengthDelimited(field: number, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes]);
}

function stringField(field: number, value: string): Buffer {
  return lengthDelimited(field, Buffer.from(value, 'utf8'));
}

export interface ErrorInfo {
  reason: string;
  domain: string;
  metadata: Record<string, string>;
}

function encodeErrorInfo(info: ErrorInfo): Buffer {
  const entries = Object.entries(info.metadata).map(([key, value]) => lengthDelimited(3, Buffer.concat([stringField(1, key), stringField(2, value)])));
  return Buffer.concat([stringField(1, info.reason), stringField(2, info.domain), ...entries]);
}

/** google.rpc.Status with one ErrorInfo detail. `code` is the gRPC status code sent. */
export function encodeStatusDetails(code: number, message: string, info: ErrorInfo): Buffer {
  const any = Buffer.concat([stringField(1, 'type.googleapis.com/google.rpc.ErrorInfo'), lengthDelimited(2, encodeErrorInfo(info))]);
  return Buffer.concat([Buffer.from([...varint((1 << 3) | 0), ...varint(code)]), stringField(2, message), lengthDelimited(3, any)]);
}
