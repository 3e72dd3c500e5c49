/** SQL statement kinds a rule can ask for; see classifySql. */
export const SQL_KINDS = [
  'drop-database',
  'drop-schema',
  'drop-table',
  'drop-other',
  'truncate',
  'delete-without-where',
  'update-without-where',
  'alter-drop',
] as const;

export type SqlKind = (typeof SQL_KINDS)[number];
