import { describe, expect, it } from 'vitest';
import {
  intersectSorted,
  mergeSorted,
  SearchIndex,
  tokenize,
} from '../../src/coordination/messages/search-index.js';

describe('tokenize', () => {
  const rows: [string, string[]][] = [
    ['Hello, World!', ['hello', 'world']],
    ['users.email -> users.primary_email', ['users', 'email', 'primary']],
    ['Café CAFE cafe', ['cafe']],
    ['Ünïcödé naïve', ['unicode', 'naive']],
    ['v2 build #1234', ['v2', 'build', '1234']],
    ['日本語 テキスト', ['日本語', 'テキスト']],
    ['', []],
    ['  ---  ', []],
    [`short ${'x'.repeat(65)} kept`, ['short', 'kept']],
  ];
  for (const [text, tokens] of rows) {
    it(`tokenizes ${JSON.stringify(text).slice(0, 30)}`, () => {
      expect(tokenize(text)).toEqual(tokens);
    });
  }
});

describe('sorted list helpers', () => {
  const rows: [number[], number[], number[], number[]][] = [
    [[], [], [], []],
    [[1, 2, 3], [], [], [1, 2, 3]],
    [
      [1, 3, 5],
      [2, 3, 4, 5],
      [3, 5],
      [1, 2, 3, 4, 5],
    ],
    [[1, 2], [3, 4], [], [1, 2, 3, 4]],
  ];
  for (const [left, right, both, either] of rows) {
    it(`intersects and merges ${JSON.stringify(left)} with ${JSON.stringify(right)}`, () => {
      expect(intersectSorted(left, right)).toEqual(both);
      expect(intersectSorted(right, left)).toEqual(both);
      expect(mergeSorted(left, right)).toEqual(either);
      expect(mergeSorted(right, left)).toEqual(either);
    });
  }
});

describe('SearchIndex', () => {
  const index = new SearchIndex();
  index.add(0, 'Deploy the API to staging');
  index.add(1, 'Staging database is down');
  index.add(2, 'Review the API schema change');
  index.add(3, 'Lunch?');

  const rows: [string, number[] | null][] = [
    ['api', [0, 2]],
    ['API staging', [0]],
    ['staging', [0, 1]],
    ['STAGING', [0, 1]],
    ['database down', [1]],
    ['api database', []],
    ['missing', []],
    ['lunch', [3]],
    ['', null],
    ['?!', null],
  ];
  for (const [query, hits] of rows) {
    it(`finds ${JSON.stringify(query)}`, () => {
      expect(index.search(query)).toEqual(hits);
    });
  }
});
