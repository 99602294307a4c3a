export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Stops calling Redis for a while after it fails, so an outage costs one timeout per cooldown
 * instead of one per request; after the cooldown a single caller probes while the rest keep
 * using their fallback.
 */
export class CircuitBreaker {
  private openUntil = 0;
  private tripped = false;
  private probing = false;

  constructor(readonly cooldownMs: number) {}

  get state(): BreakerState {
    if (!this.tripped) return 'closed';
    return Date.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** Whether this caller may use Redis now; in half-open, only the first caller gets through. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Ends a probe that told nothing about Redis (the caller's own code failed). */
  release(): void {
    this.probing = false;
  }

  /** Returns true when this success ends an outage. */
  recordSuccess(): boolean {
    const recovered = this.tripped;
    this.tripped = false;
    this.probing = false;
    return recovered;
  }

  /** Returns true when this failure starts an outage. */
  recordFailure(): boolean {
    const started = !this.tripped;
    this.tripped = true;
    this.probing = false;
    this.openUntil = Date.now() + this.cooldownMs;
    return started;
  }
}
