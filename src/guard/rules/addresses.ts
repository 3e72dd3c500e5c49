import { isIP } from 'node:net';
import type { AddressKind } from './rule-types.js';

const METADATA_HOSTS = new Set([
  '169.254.169.254',
  'metadata.google.internal',
  'metadata',
  '100.100.100.200',
  'fd00:ec2::254',
]);

function ipv4Octets(host: string): number[] | null {
  return isIP(host) === 4 ? host.split('.').map(Number) : null;
}

/** What kinds of address a URL host is; hosts are as WHATWG URL normalizes them. */
export function addressKinds(rawHost: string): Set<AddressKind> {
  const host = rawHost.replace(/^\[|\]$/g, '').toLowerCase();
  const kinds = new Set<AddressKind>();
  if (METADATA_HOSTS.has(host)) kinds.add('metadata');
  if (host === 'localhost' || host.endsWith('.localhost')) kinds.add('loopback');
  const octets = ipv4Octets(host);
  if (octets) {
    const [a, b] = octets as [number, number];
    if (a === 127) kinds.add('loopback');
    if (a === 0) kinds.add('loopback');
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) {
      kinds.add('private');
    }
    if (a === 100 && b >= 64 && b <= 127) kinds.add('private');
    if (a === 169 && b === 254) kinds.add('link-local');
  } else if (isIP(host) === 6) {
    if (host === '::1' || host === '::') kinds.add('loopback');
    if (/^f[cd]/.test(host)) kinds.add('private');
    if (/^fe[89ab]/.test(host)) kinds.add('link-local');
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
    if (mapped) for (const kind of addressKinds(mapped)) kinds.add(kind);
  }
  return kinds;
}
