// Which address a request comes from. A forwarded header is only as honest as whoever wrote it, so it
// counts only when the peer is a proxy the operator listed (STACK_TRUSTED_PROXIES), and then only the
// hop that proxy appended itself: the last X-Forwarded-For entry. Anything further left was written by
// the client and is ignored, as GoTrue ignores it behind Kong.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Strips the IPv4-mapped prefix, so `::ffff:127.0.0.1` and `127.0.0.1` are one address. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** Whether an entry of the trusted-proxy list is an address or a CIDR range Node can match. */
export function validProxyEntry(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/** The matcher for a list of trusted proxy addresses and CIDR ranges (entries are checked by the config). */
export function trustList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(plain(address), type);
    else list.addSubnet(plain(address), Number(bits), type);
  }
  return list;
}

function trusted(list: BlockList, address: string): boolean {
  const kind = isIP(address);
  return kind !== 0 && list.check(address, kind === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address: the peer, or the last X-Forwarded-For hop when the peer is a trusted proxy. */
export function clientAddress(req: IncomingMessage, proxies: BlockList): string {
  const peer = plain(req.socket.remoteAddress ?? '');
  const header = req.headers['x-forwarded-for'];
  if (typeof header !== 'string' || !trusted(proxies, peer)) return peer;
  const last = plain(header.split(',').at(-1)?.trim() ?? '');
  return isIP(last) ? last : peer;
}
