import { describe, expect, it } from 'vitest';
import { type Decider, type DomainEvent, fold } from '../../src/events/decider.js';
import { BridgeError } from '../../src/events/errors.js';

/** One row: given these recorded events, when this command, then these events or this error. */
export interface DeciderCase<Command, Event extends DomainEvent> {
  name: string;
  given: Event[];
  when: Command;
  expected: Event[] | { error: string; message?: RegExp };
}

export function describeDecider<Command, State, Event extends DomainEvent>(
  title: string,
  decider: Decider<Command, State, Event>,
  cases: DeciderCase<Command, Event>[],
): void {
  describe(title, () => {
    for (const row of cases) {
      it(row.name, () => {
        const state = fold(decider, row.given);
        const expected = row.expected;
        if (Array.isArray(expected)) {
          expect(decider.decide(row.when, state)).toEqual(expected);
          return;
        }
        let caught: unknown;
        try {
          decider.decide(row.when, state);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(BridgeError);
        expect((caught as BridgeError).code).toBe(expected.error);
        if (expected.message) expect((caught as BridgeError).message).toMatch(expected.message);
      });
    }
  });
}

/** A fixed instant for tables, and times relative to it. */
export const T0 = Date.parse('2026-03-01T12:00:00.000Z');

export function at(offsetMs: number): string {
  return new Date(T0 + offsetMs).toISOString();
}
