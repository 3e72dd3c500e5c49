import { describe, expect, it } from 'vitest';
import { elicitationFormOf } from '../../src/mcp/elicitation-form.js';

const FLAT = {
  type: 'object',
  properties: {
    approve: { type: 'boolean', title: 'Approve' },
    region: { type: 'string', enum: ['eu', 'us'] },
    replicas: { type: 'integer', minimum: 1, maximum: 9 },
  },
  required: ['approve'],
};

describe('elicitationFormOf', () => {
  it('asks a flat object of primitive fields as it is, and answers with the form content', () => {
    const form = elicitationFormOf(FLAT);
    expect(form?.requestedSchema).toEqual({
      type: 'object',
      properties: FLAT.properties,
      required: ['approve'],
    });
    expect(form?.answerOf({ approve: true })).toEqual({ approve: true });
    expect(form?.answerOf(undefined)).toEqual({});
  });

  it('wraps a single primitive into a one-field form and unwraps the answer', () => {
    const form = elicitationFormOf({ type: 'string', maxLength: 20 });
    expect(form?.requestedSchema).toEqual({
      type: 'object',
      properties: { answer: { type: 'string', maxLength: 20 } },
      required: ['answer'],
    });
    expect(form?.answerOf({ answer: 'eu' })).toBe('eu');
  });

  it.each([
    ['a nested object', { type: 'object', properties: { where: { type: 'object' } } }],
    ['an array', { type: 'array', items: { type: 'string' } }],
    ['a pattern', { type: 'string', pattern: '^v\\d+$' }],
    ['a union', { anyOf: [{ type: 'string' }, { type: 'number' }] }],
    ['a combinator beside properties', { ...FLAT, allOf: [] }],
    ['a list of required names that is not one', { ...FLAT, required: 'approve' }],
    ['no schema', true],
  ])('leaves %s to the agent', (_why, schema) => {
    expect(elicitationFormOf(schema)).toBeNull();
  });
});
