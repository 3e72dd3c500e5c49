import * as z from 'zod';
import {
  MAX_LEASE_PATHS,
  MAX_LEASE_REASON_LENGTH,
  MAX_LEASE_TTL_SECONDS,
} from '../../coordination/leases/decide.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';
import { leaseView } from './views.js';

const leaseFiles = defineTool({
  name: 'lease_files',
  title: 'Lease files',
  description:
    'Tell the team you are about to change these files: an advisory lease on paths or globs (project-relative, or absolute inside the project) for a while. An exclusive lease (the default) is refused while another agent holds a lease overlapping it, and the refusal names the holder; shared leases coexist. Release it when done; it lapses by itself after ttlSeconds.',
  effect: 'create',
  permission: 'coordination:act',
  input: z.strictObject({
    paths: z
      .array(z.string().min(1))
      .min(1)
      .max(MAX_LEASE_PATHS)
      .describe('Paths or globs, e.g. ["src/api/app.ts", "test/api/**"]'),
    exclusive: z.boolean().optional().describe('Default true'),
    ttlSeconds: z
      .number()
      .positive()
      .max(MAX_LEASE_TTL_SECONDS)
      .optional()
      .describe('How long it lasts; default 3600'),
    reason: z.string().max(MAX_LEASE_REASON_LENGTH).optional().describe('What you are doing'),
  }),
  output: z.object({ lease: leaseView }),
  run: async ({ args, principal, services }) => ({
    lease: await services.coordination.leases.acquire(principal, args),
  }),
});

const releaseLease = defineTool({
  name: 'release_lease',
  title: 'Release a lease',
  description: 'Release a lease you hold once you are done with its files.',
  effect: 'settle',
  permission: 'coordination:act',
  input: z.strictObject({ leaseId: z.string().describe('A lease id from lease_files') }),
  output: z.object({ leaseId: z.string(), released: z.literal(true) }),
  run: async ({ args, principal, services }) => {
    await services.coordination.leases.release(principal, args.leaseId);
    return { leaseId: args.leaseId.toLowerCase(), released: true as const };
  },
});

export const LEASE_TOOLS: readonly AnyToolSpec[] = [leaseFiles, releaseLease];
