import type { Actor } from '../../src/coordination/actor.js';
import { type LeaseCommand, leaseDecider } from '../../src/coordination/leases/decide.js';
import type { LeaseAcquired, LeaseEvent } from '../../src/coordination/leases/events.js';
import { at, type DeciderCase, describeDecider, T0 } from './decider-table.js';

const ROOT = '/work/project';
const L1 = '01939d2e-7a4b-7000-8000-0000000000b1';
const L2 = '01939d2e-7a4b-7000-8000-0000000000b2';
const BEA: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000b',
  name: 'bea',
  role: 'builder',
  capabilities: [],
};
const DAN: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000d',
  name: 'dan',
  role: 'builder',
  capabilities: [],
};
const ADMIN: Actor = { agentId: 'admin', name: 'admin', role: 'admin', capabilities: [] };
const ref = (actor: Actor) => ({ agentId: actor.agentId, name: actor.name });

const acquire = (
  holder: Actor,
  paths: string[],
  change: Partial<Extract<LeaseCommand, { type: 'Acquire' }>> = {},
): LeaseCommand => ({
  type: 'Acquire',
  leaseId: L2,
  holder: ref(holder),
  paths,
  projectRoot: ROOT,
  now: T0 + 1000,
  ...change,
});

function acquired(
  holder: Actor,
  paths: string[],
  data: Partial<LeaseAcquired['data']> = {},
): LeaseAcquired {
  return {
    type: 'LeaseAcquired',
    data: {
      leaseId: L1,
      holder: ref(holder),
      paths,
      exclusive: true,
      reason: '',
      ttlSeconds: 3600,
      acquiredAt: at(0),
      expiresAt: at(3_600_000),
      ...data,
    },
  };
}
const beaHoldsApi = acquired(BEA, ['src/api']);
const beaSharesDocs = acquired(BEA, ['docs/**'], { exclusive: false });
const shortLease = acquired(BEA, ['src/api'], { ttlSeconds: 10, expiresAt: at(10_000) });

const granted = (
  holder: Actor,
  paths: string[],
  exclusive = true,
  ttlSeconds = 3600,
  offset = 1000,
): LeaseEvent[] => [
  {
    type: 'LeaseAcquired',
    data: {
      leaseId: L2,
      holder: ref(holder),
      paths,
      exclusive,
      reason: '',
      ttlSeconds,
      acquiredAt: at(offset),
      expiresAt: at(offset + ttlSeconds * 1000),
    },
  },
];

const forceRelease = (actor: Actor, offset: number, holderOffline = false): LeaseCommand => ({
  type: 'ForceRelease',
  leaseId: L1,
  actor,
  holderOffline,
  reason: 'stuck',
  now: T0 + offset,
});
const forceReleased = (actor: Actor, offset: number): LeaseEvent => ({
  type: 'LeaseForceReleased',
  data: { leaseId: L1, by: ref(actor), reason: 'stuck', releasedAt: at(offset) },
});

const cases: DeciderCase<LeaseCommand, LeaseEvent>[] = [
  {
    name: 'leases free paths, normalized and exclusive by default',
    given: [],
    when: acquire(DAN, ['./src//api/', '/work/project/README.md']),
    expected: granted(DAN, ['src/api', 'README.md']),
  },
  {
    name: 'drops repeated paths',
    given: [],
    when: acquire(DAN, ['a.ts', './a.ts']),
    expected: granted(DAN, ['a.ts']),
  },
  {
    name: 'a short time to live is fine',
    given: [],
    when: acquire(DAN, ['a.ts'], { ttlSeconds: 0.05 }),
    expected: granted(DAN, ['a.ts'], true, 0.05),
  },
  {
    name: 'an exclusive lease conflicts with an overlapping one of another agent',
    given: [beaHoldsApi],
    when: acquire(DAN, ['src/api/routes.ts']),
    expected: {
      error: 'lease_conflict',
      message: /src\/api\/routes.ts overlaps src\/api, leased exclusively by bea until/,
    },
  },
  {
    name: 'a glob conflicts when it reaches into a held folder',
    given: [beaHoldsApi],
    when: acquire(DAN, ['src/**/*.ts']),
    expected: { error: 'lease_conflict' },
  },
  {
    name: 'a shared lease conflicts with an exclusive one',
    given: [beaHoldsApi],
    when: acquire(DAN, ['src/api'], { exclusive: false }),
    expected: { error: 'lease_conflict' },
  },
  {
    name: 'an exclusive lease conflicts with a shared one',
    given: [beaSharesDocs],
    when: acquire(DAN, ['docs/guide.md']),
    expected: { error: 'lease_conflict', message: /leased shared by bea/ },
  },
  {
    name: 'shared leases coexist',
    given: [beaSharesDocs],
    when: acquire(DAN, ['docs'], { exclusive: false }),
    expected: granted(DAN, ['docs'], false),
  },
  {
    name: 'paths that do not overlap coexist',
    given: [beaHoldsApi],
    when: acquire(DAN, ['src/apiary', 'src/web/**']),
    expected: granted(DAN, ['src/apiary', 'src/web/**']),
  },
  {
    name: 'an agent never conflicts with itself',
    given: [beaHoldsApi],
    when: acquire(BEA, ['src/api/x.ts']),
    expected: granted(BEA, ['src/api/x.ts']),
  },
  {
    name: 'a lease that ran out no longer conflicts',
    given: [shortLease],
    when: acquire(DAN, ['src/api'], { now: T0 + 10_000 }),
    expected: granted(DAN, ['src/api'], true, 3600, 10_000),
  },
  {
    name: 'refuses no paths',
    given: [],
    when: acquire(DAN, []),
    expected: { error: 'invalid_input', message: /paths/ },
  },
  {
    name: 'refuses a path outside the project',
    given: [],
    when: acquire(DAN, ['/etc/hosts']),
    expected: { error: 'invalid_path', message: /outside the project/ },
  },
  {
    name: 'refuses a path climbing out',
    given: [],
    when: acquire(DAN, ['../other/x']),
    expected: { error: 'invalid_path' },
  },
  {
    name: 'refuses a time to live above a day',
    given: [],
    when: acquire(DAN, ['a.ts'], { ttlSeconds: 86_401 }),
    expected: { error: 'invalid_input', message: /ttlSeconds/ },
  },
  {
    name: 'refuses a lease id used before',
    given: [acquired(BEA, ['x'], { leaseId: L2 })],
    when: acquire(BEA, ['y']),
    expected: { error: 'already_exists' },
  },
  {
    name: 'the holder renews for its original time to live',
    given: [beaHoldsApi],
    when: { type: 'Renew', leaseId: L1, agent: ref(BEA), now: T0 + 60_000 },
    expected: [
      {
        type: 'LeaseRenewed',
        data: { leaseId: L1, expiresAt: at(3_660_000), renewedAt: at(60_000) },
      },
    ],
  },
  {
    name: 'the holder renews for a new time to live',
    given: [beaHoldsApi],
    when: { type: 'Renew', leaseId: L1, agent: ref(BEA), ttlSeconds: 60, now: T0 + 60_000 },
    expected: [
      {
        type: 'LeaseRenewed',
        data: { leaseId: L1, expiresAt: at(120_000), renewedAt: at(60_000) },
      },
    ],
  },
  {
    name: 'only the holder renews',
    given: [beaHoldsApi],
    when: { type: 'Renew', leaseId: L1, agent: ref(DAN), now: T0 },
    expected: { error: 'not_holder', message: /held by bea/ },
  },
  {
    name: 'a lease that ran out cannot be renewed',
    given: [shortLease],
    when: { type: 'Renew', leaseId: L1, agent: ref(BEA), now: T0 + 10_000 },
    expected: { error: 'expired' },
  },
  {
    name: 'the holder releases',
    given: [beaHoldsApi],
    when: { type: 'Release', leaseId: L1, agent: ref(BEA), now: T0 + 5000 },
    expected: [
      { type: 'LeaseReleased', data: { leaseId: L1, by: ref(BEA), releasedAt: at(5000) } },
    ],
  },
  {
    name: 'nobody else releases',
    given: [beaHoldsApi],
    when: { type: 'Release', leaseId: L1, agent: ref(DAN), now: T0 },
    expected: { error: 'not_holder' },
  },
  {
    name: 'a released lease is gone',
    given: [
      beaHoldsApi,
      { type: 'LeaseReleased', data: { leaseId: L1, by: ref(BEA), releasedAt: at(5000) } },
    ],
    when: { type: 'Release', leaseId: L1, agent: ref(BEA), now: T0 + 6000 },
    expected: { error: 'not_found' },
  },
  {
    name: 'an admin force-releases a live lease',
    given: [beaHoldsApi],
    when: forceRelease(ADMIN, 1000),
    expected: [forceReleased(ADMIN, 1000)],
  },
  {
    name: 'anyone force-releases a lease that ran out',
    given: [shortLease],
    when: forceRelease(DAN, 10_000),
    expected: [forceReleased(DAN, 10_000)],
  },
  {
    name: 'anyone force-releases the lease of an offline holder',
    given: [beaHoldsApi],
    when: forceRelease(DAN, 1000, true),
    expected: [forceReleased(DAN, 1000)],
  },
  {
    name: 'nobody else force-releases a live lease of a present holder',
    given: [beaHoldsApi],
    when: forceRelease(DAN, 1000),
    expected: { error: 'forbidden', message: /only an admin/ },
  },
  {
    name: 'force-releasing an unknown lease',
    given: [],
    when: forceRelease(ADMIN, 1000),
    expected: { error: 'not_found' },
  },
  {
    name: 'the sweep records every lease that ran out',
    given: [shortLease, acquired(DAN, ['b'], { leaseId: L2, expiresAt: at(20_000) })],
    when: { type: 'ExpireLeases', now: T0 + 10_000 },
    expected: [{ type: 'LeaseExpired', data: { leaseId: L1, expiredAt: at(10_000) } }],
  },
  {
    name: 'the sweep records nothing when all are live',
    given: [beaHoldsApi],
    when: { type: 'ExpireLeases', now: T0 + 10_000 },
    expected: [],
  },
];

describeDecider('lease decider', leaseDecider, cases);
