// IP allowlists of API clients: addresses and CIDR ranges, IPv4 and IPv6. An IPv4 peer may be
// reported as IPv4-mapped IPv6 (`::ffff:10.1.2.3`, a dual-stack socket) and an entry may be
// written that way too: both are reduced to IPv4 so that either form matches the other.
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export type Allowlist = readonly Range[];

/** The entry as a range; undefined when it is neither an IP address nor a CIDR range. */
export function parseAllowlistEntry(entry: string): Range | undefined {
  if (entry.length > 64) return undefined;
  try {
    const range: Range = entry.includes('/') ? ipaddr.parseCIDR(entry) : (() => {
      const address = ipaddr.parse(entry);
      return [address, address.kind() === 'ipv4' ? 32 : 128] as Range;
    })();
    const [address, bits] = range;
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return range;
  } catch {
    return undefined;
  }
}

/** The canonical text of an entry (`10.0.0.0/8`, `2001:db8::/32`, `10.1.2.3/32`), or undefined when invalid. */
export function canonicalAllowlistEntry(entry: string): string | undefined {
  const range = parseAllowlistEntry(entry);
  return range ? `${range[0].toString()}/${range[1]}` : undefined;
}

/** Invalid entries are dropped (the service validates them on the way in): a list of only invalid entries allows nobody. */
export function compileAllowlist(entries: readonly string[]): Allowlist | undefined {
  if (entries.length === 0) return undefined;
  return entries.map(parseAllowlistEntry).filter((range): range is Range => range !== undefined);
}

function parsePeer(peer: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // `[::1]` as some stacks print it; a zone id (`fe80::1%eth0`) is not part of the address.
  const bare = peer.startsWith('[') && peer.endsWith(']') ? peer.slice(1, -1) : peer;
  const unzoned = bare.split('%', 1)[0];
  try {
    return ipaddr.process(unzoned);
  } catch {
    return undefined;
  }
}

export function addressAllowed(allowlist: Allowlist, peer: string): boolean {
  const address = parsePeer(peer);
  if (!address) return false;
  return allowlist.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}
