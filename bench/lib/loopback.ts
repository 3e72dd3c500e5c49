import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { BridgeError, InvalidInputError } from '../../src/events/errors.js';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return loopback.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped === undefined ? loopback.check(address, 'ipv6') : loopback.check(mapped, 'ipv4');
}

/**
 * Parses an http:// URL and makes sure it points at this machine: a loopback address, or a
 * name whose every address is loopback. Load must never leave the machine, so anything else
 * is refused with `non_loopback_target`.
 */
export async function requireLoopbackUrl(url: string): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(`not a URL: ${url}`, { url });
  }
  if (parsed.protocol !== 'http:') {
    throw new InvalidInputError(`only http:// targets are supported, got ${parsed.protocol}`, {
      url,
    });
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) === 0 ? await resolveAll(host) : [host];
  const outside = addresses.filter((address) => !isLoopbackAddress(address));
  if (addresses.length === 0 || outside.length > 0) {
    throw new BridgeError(
      'non_loopback_target',
      `refusing to send load to ${parsed.host}: only loopback targets are allowed` +
        (outside.length > 0 ? ` (it resolves to ${outside.join(', ')})` : ''),
      { url },
    );
  }
  return parsed;
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
}
