/** Words longer than this are ids, hashes or encoded data, which nobody searches for. */
const MAX_TOKEN_LENGTH = 64;

/**
 * The distinct words of a text: letters and digits, case and accents folded, so `Café` and
 * `cafe` are one word.
 */
export function tokenize(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  const tokens = new Set<string>();
  for (const word of words) {
    if (word.length > 0 && word.length <= MAX_TOKEN_LENGTH) tokens.add(word);
  }
  return [...tokens];
}

/** The ascending numbers in both ascending lists. */
export function intersectSorted(left: readonly number[], right: readonly number[]): number[] {
  const both: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left[i] as number;
    const b = right[j] as number;
    if (a === b) {
      both.push(a);
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return both;
}

/** The ascending numbers in either ascending list, once each. */
export function mergeSorted(left: readonly number[], right: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const a = left[i];
    const b = right[j];
    if (b === undefined || (a !== undefined && a < b)) {
      merged.push(a as number);
      i++;
    } else if (a === undefined || b < a) {
      merged.push(b);
      j++;
    } else {
      merged.push(a);
      i++;
      j++;
    }
  }
  return merged;
}

/**
 * An inverted index from words to the documents holding them. Documents are numbered in the
 * order they are added, so each posting list stays sorted by appending and lists intersect by
 * merging. Memory grows with the number of (word, document) pairs: about 8 bytes each plus the
 * vocabulary.
 */
export class SearchIndex {
  private readonly postings = new Map<string, number[]>();

  /** Indexes a document; `id` must be larger than every id added before. */
  add(id: number, text: string): void {
    for (const token of tokenize(text)) {
      const list = this.postings.get(token);
      if (list) list.push(id);
      else this.postings.set(token, [id]);
    }
  }

  /** Ascending ids of the documents holding every word of the query; null when it has no words. */
  search(query: string): number[] | null {
    const tokens = tokenize(query);
    if (tokens.length === 0) return null;
    const lists = tokens.map((token) => this.postings.get(token) ?? []);
    lists.sort((left, right) => left.length - right.length);
    let hits = lists[0] as number[];
    for (const list of lists.slice(1)) {
      if (hits.length === 0) break;
      hits = intersectSorted(hits, list);
    }
    return hits;
  }
}
