import type { McpServer, ServerContext, ToolAnnotations } from '@modelcontextprotocol/server';
import type * as z from 'zod';
import { can, type Permission } from '../../agents/permissions.js';
import type { Principal } from '../../agents/principal.js';
import type { McpServices } from '../services.js';
import { withCachedJsonSchema } from './cached-schema.js';
import { toolFailure } from './tool-failure.js';

/**
 * What a call changes, which decides the annotations a client sees:
 * - `read`: nothing;
 * - `create`: adds something new on every call (a message, a question, a lease);
 * - `settle`: moves one thing to a state it keeps (acknowledged, claimed), so repeating it adds nothing;
 * - `final`: like `settle`, and cannot be undone (a completed task, a decided review, an answer).
 */
export type ToolEffect = 'read' | 'create' | 'settle' | 'final';

const ANNOTATIONS: Record<ToolEffect, ToolAnnotations> = {
  read: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  create: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  settle: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  final: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
};

export interface ToolCall<Args> {
  args: Args;
  /** The caller, from its bearer token. */
  principal: Principal;
  services: McpServices;
  /** Aborts when the client cancels the call or goes away. */
  signal: AbortSignal;
}

/**
 * A value of an output schema without the index signatures of its open objects: what a tool
 * returns is checked against the fields it names, and may carry more.
 */
export type Known<T> = T extends readonly (infer Item)[]
  ? Known<Item>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
    : T;

export interface ToolSpec<Input extends z.ZodObject, Output extends z.ZodObject> {
  name: string;
  title: string;
  /** What the tool does and when to use it, written for the model choosing it. */
  description: string;
  effect: ToolEffect;
  /** Required of the caller's role; tools the role lacks are not offered at all. */
  permission: Permission;
  input: Input;
  output: Output;
  /** Whether the bridge runs what the tool needs (the guard may be absent); always by default. */
  available?: (services: McpServices) => boolean;
  run(call: ToolCall<z.output<Input>>): Promise<Known<z.output<Output>>> | Known<z.output<Output>>;
}

/** Declares a tool; the identity function, there for type inference. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  spec: ToolSpec<Input, Output>,
): ToolSpec<Input, Output> {
  return spec;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of tools of every input and output shape
export type AnyToolSpec = ToolSpec<any, any>;

/**
 * Registers the tools the caller's role may use. A result carries the structured value and the
 * same as JSON text; a refusal or failure is a tool error (`isError`) with a clear message, never
 * a protocol error.
 */
export function registerTools(
  server: McpServer,
  principal: Principal,
  services: McpServices,
  specs: readonly AnyToolSpec[],
): void {
  for (const spec of specs) {
    if (!can(principal.role, spec.permission)) continue;
    if (spec.available && !spec.available(services)) continue;
    server.registerTool(
      spec.name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: withCachedJsonSchema(spec.input),
        outputSchema: withCachedJsonSchema(spec.output),
        annotations: { title: spec.title, ...ANNOTATIONS[spec.effect] },
      },
      async (args: unknown, ctx: ServerContext) => {
        // Any call counts as a sign of life; a failed heartbeat (the bootstrap admin has no
        // presence) must not fail the call.
        services.coordination.presence.heartbeat(principal).catch(() => undefined);
        try {
          const value = await spec.run({ args, principal, services, signal: ctx.mcpReq.signal });
          return {
            content: [{ type: 'text' as const, text: JSON.stringify(value) }],
            structuredContent: value,
          };
        } catch (error) {
          return toolFailure(error, services.reportError);
        }
      },
    );
  }
}
