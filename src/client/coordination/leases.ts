import type { LeaseForceReleased, LeaseReleased } from '../../coordination/leases/events.js';
import type { Lease } from '../../coordination/leases/evolve.js';
import type { AcquireLeaseInput } from '../../coordination/leases/service.js';
import { type Requester, segment } from './requester.js';

export type { AcquireLeaseInput, Lease };

/** A release as recorded; `reason` only when forced. */
export type LeaseRelease = LeaseReleased['data'] | LeaseForceReleased['data'];

/** Whether a path is free for the caller: `lease` is another agent's exclusive lease on it, or null. */
export interface LeaseCheck {
  path: string;
  lease: Lease | null;
}

/** Advisory file leases (`/v1/leases`). */
export class LeasesClient {
  constructor(private readonly bridge: Requester) {}

  acquire(lease: AcquireLeaseInput): Promise<Lease> {
    return this.bridge.request('POST', '/v1/leases', { body: lease });
  }

  /** The live leases, or those of one holder (agent name or id). */
  async list(holder?: string): Promise<Lease[]> {
    const { leases } = await this.bridge.request<{ leases: Lease[] }>('GET', '/v1/leases', {
      query: { holder },
    });
    return leases;
  }

  check(path: string): Promise<LeaseCheck> {
    return this.bridge.request('GET', '/v1/leases/check', { query: { path } });
  }

  get(leaseId: string): Promise<Lease> {
    return this.bridge.request('GET', `/v1/leases/${segment(leaseId)}`);
  }

  /** Extends the lease by `ttlSeconds` from now (the bridge's default when left out). */
  renew(leaseId: string, ttlSeconds?: number): Promise<Lease> {
    return this.bridge.request('POST', `/v1/leases/${segment(leaseId)}/renew`, {
      body: ttlSeconds === undefined ? {} : { ttlSeconds },
    });
  }

  release(leaseId: string): Promise<LeaseRelease> {
    return this.bridge.request('DELETE', `/v1/leases/${segment(leaseId)}`);
  }

  /** Releases another agent's lease (an admin's act, or anyone's when the holder is offline). */
  forceRelease(leaseId: string, reason?: string): Promise<LeaseRelease> {
    return this.bridge.request('POST', `/v1/leases/${segment(leaseId)}/force-release`, {
      body: reason === undefined ? {} : { reason },
    });
  }
}
