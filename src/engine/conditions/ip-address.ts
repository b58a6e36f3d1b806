// IP addresses and CIDR prefixes with the rules of Go's net/netip (OpenFGA's `ipaddress` type):
// dotted-quad IPv4 without leading zeros, IPv6 with `::` and an optional embedded IPv4 tail and
// `%zone`. IPv4 and IPv4-mapped IPv6 are different addresses, so a 4-byte prefix never contains a
// 16-byte address; an address with a zone is in no prefix.

export interface IpAddress {
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: Uint8Array;
  /** IPv6 zone (`fe80::1%eth0`), '' when none. */
  zone: string;
}

export interface IpPrefix {
  bytes: Uint8Array;
  bits: number;
}

const DECIMAL_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

function parseGroups(text: string, out: number[]): boolean {
  if (text === '') return true;
  const groups = text.split(':');
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    if (i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (!v4) return false;
      out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else {
      if (!HEX_GROUP.test(group)) return false;
      out.push(parseInt(group, 16));
    }
  }
  return true;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const gap = text.indexOf('::');
  if (gap !== text.lastIndexOf('::')) return undefined;
  const head: number[] = [];
  const tail: number[] = [];
  if (gap < 0) {
    if (!parseGroups(text, head) || head.length !== 8) return undefined;
  } else {
    if (!parseGroups(text.slice(0, gap), head) || !parseGroups(text.slice(gap + 2), tail)) return undefined;
    // `::` stands for at least one zero group.
    if (head.length + tail.length > 7) return undefined;
  }
  // A dotted tail is only allowed last: it must not appear in the head of `a.b.c.d::1`.
  if (gap >= 0 && text.slice(0, gap).includes('.')) return undefined;
  const groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** Parses an address as netip.ParseAddr does; undefined when malformed. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (!text.includes(':')) {
    const bytes = parseIpv4(text);
    return bytes && { bytes, zone: '' };
  }
  const percent = text.indexOf('%');
  const zone = percent >= 0 ? text.slice(percent + 1) : '';
  if (percent >= 0 && zone === '') return undefined;
  const bytes = parseIpv6(percent >= 0 ? text.slice(0, percent) : text);
  return bytes && { bytes, zone };
}

/** Parses a CIDR prefix as netip.ParsePrefix does (host bits may be set; no zone). */
export function parseIpPrefix(text: string): IpPrefix | undefined {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpAddress(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!address || address.zone !== '' || !/^(?:0|[1-9]\d{0,2})$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > address.bytes.length * 8) return undefined;
  return { bytes: address.bytes, bits };
}

export function prefixContains(prefix: IpPrefix, address: IpAddress): boolean {
  if (address.zone !== '' || address.bytes.length !== prefix.bytes.length) return false;
  const fullBytes = prefix.bits >> 3;
  for (let i = 0; i < fullBytes; i++) if (prefix.bytes[i] !== address.bytes[i]) return false;
  const remainder = prefix.bits & 7;
  if (remainder === 0) return true;
  const mask = (0xff << (8 - remainder)) & 0xff;
  return (prefix.bytes[fullBytes]! & mask) === (address.bytes[fullBytes]! & mask);
}
