import { describe, expect, it } from 'vitest';
import { classifySql } from '../../src/guard/rules/sql-classify.js';

describe('SQL classification', () => {
  it.each([
    ['DROP DATABASE app', ['drop-database']],
    ['drop database if exists "app";', ['drop-database']],
    ['DROP SCHEMA public CASCADE', ['drop-schema']],
    ['DROP TABLE users', ['drop-table']],
    ['DROP INDEX idx', ['drop-other']],
    ['DROP VIEW v; DROP ROLE r', ['drop-other', 'drop-other']],
    ['TRUNCATE orders', ['truncate']],
    ['truncate table orders restart identity', ['truncate']],
    ['DELETE FROM users', ['delete-without-where']],
    ['delete from users where id = 1', []],
    ['DELETE FROM t WHERE id IN (SELECT id FROM u)', []],
    ['UPDATE users SET admin = true', ['update-without-where']],
    ['UPDATE users SET a = (SELECT b FROM t WHERE t.id = 1)', ['update-without-where']],
    ['UPDATE users SET a = 1 WHERE id = 2', []],
    ['ALTER TABLE users DROP COLUMN email', ['alter-drop']],
    ['ALTER TABLE users ADD COLUMN email text', []],
    ["SELECT 'DROP TABLE users'", []],
    ['SELECT "drop" FROM t', []],
    ['-- DROP TABLE users\nSELECT 1', []],
    ['/* TRUNCATE x */ SELECT 1', []],
    ['SELECT 1; DROP TABLE users;', ['drop-table']],
    ['EXPLAIN DELETE FROM users', []],
    ['EXPLAIN ANALYZE DELETE FROM users', ['delete-without-where']],
    ['WITH old AS (SELECT id FROM t) DELETE FROM t', ['delete-without-where']],
    ['CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM t $$ LANGUAGE sql', []],
    ["INSERT INTO log VALUES ('it''s; DROP TABLE x')", []],
    ['', []],
  ])('%s', (sql, kinds) => {
    expect(classifySql(sql).map((finding) => finding.kind)).toEqual(kinds);
  });
});
