/** A Map bounded to `limit` entries that evicts the least recently used one. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>()

  constructor(private readonly limit: number) {}

  delete(key: K): void {
    this.map.delete(key)
  }

  get(key: K): V | undefined {
    const value = this.map.get(key)
    if (value !== undefined) {
      // Re-insert so iteration order is recency order.
      this.map.delete(key)
      this.map.set(key, value)
    }
    return value
  }

  keys(): IterableIterator<K> {
    return this.map.keys()
  }

  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.limit) {
      const oldest = this.map.keys().next()
      if (!oldest.done) {
        this.map.delete(oldest.value)
      }
    }
  }
}
