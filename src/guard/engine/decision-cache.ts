/**
 * A bounded cache that drops what was used least recently, in two generations: entries go into
 * the recent map; when it is full it becomes the older map and the oldest generation goes. A hit
 * in the recent map costs one lookup and no reordering, which a strict LRU would pay on every
 * hit; an entry used since the last turn of generations always survives the next one. It holds
 * at most `capacity` entries (an odd capacity is rounded up by one).
 */
export class LruCache<V> {
  private recent = new Map<string, V>();
  private older = new Map<string, V>();
  private readonly generation: number;

  constructor(private readonly capacity: number) {
    this.generation = Math.ceil(capacity / 2);
  }

  get(key: string): V | undefined {
    const value = this.recent.get(key);
    if (value !== undefined) return value;
    const old = this.older.get(key);
    if (old === undefined) return undefined;
    this.older.delete(key);
    this.insert(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.capacity <= 0) return;
    this.older.delete(key);
    if (this.recent.has(key)) this.recent.set(key, value);
    else this.insert(key, value);
  }

  delete(key: string): void {
    this.recent.delete(key);
    this.older.delete(key);
  }

  clear(): void {
    this.recent.clear();
    this.older.clear();
  }

  get size(): number {
    return this.recent.size + this.older.size;
  }

  private insert(key: string, value: V): void {
    if (this.recent.size >= this.generation) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, value);
  }
}
