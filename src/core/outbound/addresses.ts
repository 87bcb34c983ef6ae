import ipaddr from 'ipaddr.js';

/** Resolves a host name to every address it has (the real one uses DNS; tests inject their own). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** A URL's hostname without the brackets of an IPv6 literal. */
export const bareHost = (hostname: string): string => hostname.replace(/^\[|\]$/g, '');

export const isIpAddress = (text: string): boolean => ipaddr.isValid(bareHost(text));

const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/**
 * The IPv4 addresses an IPv6 address carries and routes to: IPv4-mapped and translated (`::ffff:…`),
 * IPv4-compatible (`::a.b.c.d`, also `::` and `::1`), NAT64 (`64:ff9b::/96`), 6to4 (`2002::/16`) and
 * Teredo (`2001::/32`: server and client). Undefined when it carries none.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const p = address.parts;
  const at = (i: number) => p[i] ?? 0;
  const zeroUpTo = (n: number) => p.slice(0, n).every((part) => part === 0);
  if (zeroUpTo(5) && at(5) === 0xffff) return [v4(at(6), at(7))];
  if (zeroUpTo(4) && at(4) === 0xffff && at(5) === 0) return [v4(at(6), at(7))];
  if (zeroUpTo(6)) return [v4(at(6), at(7))];
  if (at(0) === 0x64 && at(1) === 0xff9b && p.slice(2, 6).every((part) => part === 0))
    return [v4(at(6), at(7))];
  if (at(0) === 0x2002) return [v4(at(1), at(2))];
  if (at(0) === 0x2001 && at(1) === 0) return [v4(at(2), at(3)), v4(at(6) ^ 0xffff, at(7) ^ 0xffff)];
  return undefined;
}

/**
 * True only for a public unicast address: not this machine, a private or carrier network, link-local
 * (cloud metadata), multicast, documentation or any other special-purpose block (ipaddr.js's ranges), in
 * IPv4 or IPv6, nor an IPv6 form that carries such an IPv4 address. Anything that is not an address is false.
 */
export function isPublicAddress(address: string): boolean {
  const text = bareHost(address);
  if (!ipaddr.isValid(text)) return false;
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  // NAT64 local-use prefix (RFC 8215): only ever inside a network.
  if (v6.parts[0] === 0x64 && v6.parts[1] === 0xff9b && v6.parts[2] === 1) return false;
  const carried = embeddedIPv4(v6);
  if (carried) return carried.every((inner) => inner.range() === 'unicast');
  return v6.range() === 'unicast';
}

/** Names that always mean this machine or the local network. */
export const isLocalName = (hostname: string): boolean =>
  /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i.test(hostname.replace(/\.$/, ''));
