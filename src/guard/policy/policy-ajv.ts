import { Ajv, type ValidateFunction } from 'ajv';
import { PACK_SCHEMA, POLICY_SCHEMA } from '../rules/rule-schema.js';

/** Strict like the config's validator, and verbose so messages can quote the offending value. */
const ajv = new Ajv({ allErrors: false, strict: true, verbose: true });

/** Compiled on first use: a guard without a policy file never needs the policy validator. */
function lazily(schema: object): () => ValidateFunction {
  let validate: ValidateFunction | undefined;
  return () => {
    validate ??= ajv.compile(schema);
    return validate;
  };
}

export const policyValidator = lazily(POLICY_SCHEMA);
export const packValidator = lazily(PACK_SCHEMA);
