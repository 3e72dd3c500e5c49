/**
 * MCP elicitation asks the user through a form: a flat object of primitive fields. A question's
 * answer schema is turned into such a form when it is one (an object of primitive properties),
 * or wrapped into a one-field form when it is a single primitive; anything else is answered by
 * the agent through its tools.
 */

type JsonObject = Record<string, unknown>;

export interface ElicitationForm {
  requestedSchema: {
    type: 'object';
    properties: Record<string, JsonObject>;
    required?: string[];
  };
  /** The answer as the question's schema expects it, from the accepted form content. */
  answerOf(content: JsonObject | undefined): unknown;
}

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);
/** Keywords a form field may carry, by the spec's restricted schema. */
const FIELD_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'default',
  'enum',
  'enumNames',
  'oneOf',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'format',
]);
const FORM_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'properties',
  'required',
  'additionalProperties',
  '$schema',
]);
const WRAPPED_FIELD = 'answer';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isField(schema: unknown): schema is JsonObject {
  return (
    isObject(schema) &&
    typeof schema.type === 'string' &&
    PRIMITIVE_TYPES.has(schema.type) &&
    Object.keys(schema).every((keyword) => FIELD_KEYWORDS.has(keyword))
  );
}

function isRequiredList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === 'string');
}

export function elicitationFormOf(schema: unknown): ElicitationForm | null {
  if (isField(schema)) {
    return {
      requestedSchema: {
        type: 'object',
        properties: { [WRAPPED_FIELD]: schema },
        required: [WRAPPED_FIELD],
      },
      answerOf: (content) => content?.[WRAPPED_FIELD],
    };
  }
  if (
    !isObject(schema) ||
    schema.type !== 'object' ||
    !Object.keys(schema).every((keyword) => FORM_KEYWORDS.has(keyword)) ||
    !isObject(schema.properties) ||
    !Object.values(schema.properties).every(isField) ||
    (schema.required !== undefined && !isRequiredList(schema.required))
  ) {
    return null;
  }
  return {
    requestedSchema: {
      type: 'object',
      properties: schema.properties as Record<string, JsonObject>,
      ...(schema.required === undefined ? {} : { required: schema.required as string[] }),
    },
    answerOf: (content) => content ?? {},
  };
}
