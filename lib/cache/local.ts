type LocalEntry = { value: unknown; version: number; expiresAt: number };

/**
 * This process's copies of cached values, oldest evicted first once full. An entry only answers
 * for the namespace version it was loaded under.
 */
export class LocalEntries {
  private readonly entries = new Map<string, LocalEntry>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, version: number, now: number): LocalEntry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.version !== version || entry.expiresAt <= now) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  set(key: string, value: unknown, version: number, expiresAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, version, expiresAt });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
