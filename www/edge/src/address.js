// The client's address as the per-address limits count it: one canonical form per subscriber, so that writing an
// address another way (IPv6 zero compression, an IPv4-mapped IPv6 address) or moving within one's own /64 does not
// make a new counter.

/**
 * The client's address for the per-address limits: CF-Connecting-IP (set by Cloudflare, not by the client), in
 * one canonical form: IPv4 as is (an IPv4-mapped IPv6 address too), IPv6 expanded and cut to its /64 (one
 * subscriber holds a whole /64). Without it (local runs), one shared "unknown" bucket.
 */
export function clientAddress(request) {
  return canonicalAddress(request.headers.get('cf-connecting-ip'));
}

export function canonicalAddress(text) {
  const ip = (text ?? '').trim().toLowerCase();
  if (!ip) return 'unknown';
  if (!ip.includes(':')) return ip;
  const groups = expandIpv6(ip);
  if (!groups) return `invalid:${ip}`;
  if (groups.slice(0, 6).join(':') === '0000:0000:0000:0000:0000:ffff') {
    const [high, low] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** An IPv6 address (an IPv4 tail allowed) as its eight groups of four hex digits, or undefined when it is not one. */
function expandIpv6(ip) {
  const dotted = ip.match(/^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (dotted) {
    const bytes = dotted.slice(2).map(Number);
    if (bytes.some((b) => b > 255)) return undefined;
    const hex = (a, b) => ((a << 8) | b).toString(16);
    ip = `${dotted[1]}${hex(bytes[0], bytes[1])}:${hex(bytes[2], bytes[3])}`;
  }
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part) => (part ? part.split(':') : []);
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0'));
}
