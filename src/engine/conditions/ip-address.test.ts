import { describe, expect, it } from 'vitest';
import { parseIpAddress, parseIpPrefix, prefixContains } from './ip-address.js';

const bytes = (text: string): number[] | undefined => {
  const address = parseIpAddress(text);
  return address && [...address.bytes];
};

describe('parseIpAddress (netip.ParseAddr rules)', () => {
  it('parses IPv4 dotted quads', () => {
    expect(bytes('192.168.0.1')).toEqual([192, 168, 0, 1]);
    expect(bytes('0.0.0.0')).toEqual([0, 0, 0, 0]);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', '', '1..2.3', ' 1.2.3.4', '1.2.3.4%eth0']) {
      expect(parseIpAddress(bad), bad).toBeUndefined();
    }
  });

  it('parses IPv6 with ::, embedded IPv4 and zones', () => {
    expect(bytes('::')).toEqual(new Array(16).fill(0));
    expect(bytes('::1')).toEqual([...new Array(15).fill(0), 1]);
    expect(bytes('2001:db8::ff00:42:8329')).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0x42, 0x83, 0x29]);
    expect(bytes('::ffff:10.0.0.1')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]);
    expect(bytes('1:2:3:4:5:6:7:8')).toHaveLength(16);
    expect(bytes('1:2:3:4:5:6:7::')).toHaveLength(16);
    expect(parseIpAddress('fe80::1%eth0')?.zone).toBe('eth0');
    for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '12345::', 'fe80::1%', 'g::1', '1.2.3.4::', '1:2:3:4:5:6:7']) {
      expect(parseIpAddress(bad), bad).toBeUndefined();
    }
  });
});

describe('parseIpPrefix / prefixContains (netip.ParsePrefix rules)', () => {
  const contains = (cidr: string, ip: string): boolean => prefixContains(parseIpPrefix(cidr)!, parseIpAddress(ip)!);

  it('tests membership by prefix bits', () => {
    expect(contains('10.0.0.0/8', '10.255.1.2')).toBe(true);
    expect(contains('10.0.0.0/8', '11.0.0.0')).toBe(false);
    expect(contains('192.168.0.0/24', '192.168.0.1')).toBe(true);
    expect(contains('192.168.0.0/24', '192.168.1.0')).toBe(false);
    expect(contains('192.168.0.0/23', '192.168.1.0')).toBe(true);
    expect(contains('10.1.2.3/8', '10.9.9.9')).toBe(true);
    expect(contains('0.0.0.0/0', '1.2.3.4')).toBe(true);
    expect(contains('1.2.3.4/32', '1.2.3.4')).toBe(true);
    expect(contains('1.2.3.4/32', '1.2.3.5')).toBe(false);
    expect(contains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(contains('2001:db8::/33', '2001:db8:8000::1')).toBe(false);
  });

  it('keeps IPv4 and IPv6 apart and excludes zoned addresses', () => {
    expect(contains('10.0.0.0/8', '::ffff:10.0.0.1')).toBe(false);
    expect(contains('::ffff:0:0/96', '10.0.0.1')).toBe(false);
    expect(contains('::ffff:0:0/96', '::ffff:10.0.0.1')).toBe(true);
    expect(contains('fe80::/10', 'fe80::1%eth0')).toBe(false);
  });

  it('rejects malformed prefixes', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '::/129', 'fe80::%eth0/64', '/8', '10.0.0.0/']) {
      expect(parseIpPrefix(bad), bad).toBeUndefined();
    }
  });
});
