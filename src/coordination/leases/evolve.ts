import type { LeaseAcquired, LeaseEvent } from './events.js';

export type Lease = LeaseAcquired['data'];

/** The leases not yet released or expired by an event (some may have run out by the clock). */
export type LeaseBook = { leases: Record<string, Lease> };

export function initialLeaseBook(): LeaseBook {
  return { leases: {} };
}

function without(book: LeaseBook, leaseId: string): LeaseBook {
  if (!(leaseId in book.leases)) return book;
  const leases = { ...book.leases };
  delete leases[leaseId];
  return { leases };
}

export function evolveLeases(book: LeaseBook, event: LeaseEvent): LeaseBook {
  switch (event.type) {
    case 'LeaseAcquired':
      return { leases: { ...book.leases, [event.data.leaseId]: event.data } };
    case 'LeaseRenewed': {
      const lease = book.leases[event.data.leaseId];
      if (!lease) return book;
      return {
        leases: { ...book.leases, [lease.leaseId]: { ...lease, expiresAt: event.data.expiresAt } },
      };
    }
    case 'LeaseReleased':
    case 'LeaseForceReleased':
    case 'LeaseExpired':
      return without(book, event.data.leaseId);
    default:
      return book;
  }
}
