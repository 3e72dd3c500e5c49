import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The validator for configuration schemas. `verbose` keeps the offending value and the parent
 * schema on each error, which the messages quote; `useDefaults` lets registered sections
 * declare defaults.
 */
export const configAjv = new Ajv({
  allErrors: false,
  strict: true,
  useDefaults: true,
  verbose: true,
});
addFormats.default(configAjv);
