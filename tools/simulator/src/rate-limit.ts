/** What a rolling window says of one more request. */
export type WindowDecision =
  | { readonly allowed: true; readonly limit: number; readonly remaining: number; readonly resetSeconds: number }
  | { readonly allowed: false; readonly limit: number; readonly remaining: 0; readonly resetSeconds: number; readonly retryAfterSeconds: number }

/**
 * A rolling-window limiter: at most `limit` hits in any `windowMs`. Used for the account-wide
 * request limit and for permanent deletions (700 per 10 minutes).
 */
export class RollingWindow {
  private readonly hits: Array<number> = []
  private head = 0

  constructor(readonly limit: number, readonly windowMs: number) {}

  private expire(now: number): void {
    while (this.head < this.hits.length && this.hits[this.head]! <= now - this.windowMs) this.head++
    if (this.head > 1024 && this.head * 2 > this.hits.length) {
      this.hits.splice(0, this.head)
      this.head = 0
    }
  }

  /** Forgets every hit. */
  clear(): void {
    this.hits.length = 0
    this.head = 0
  }

  /** In-window hits right now. */
  used(now: number): number {
    this.expire(now)
    return this.hits.length - this.head
  }

  private resetSeconds(now: number): number {
    const oldest = this.hits[this.head]
    return oldest === undefined ? Math.ceil(this.windowMs / 1000) : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }

  /** Counts one hit if the window has room; otherwise says how long to wait. */
  take(now: number): WindowDecision {
    const used = this.used(now)
    if (used >= this.limit) {
      const wait = this.resetSeconds(now)
      return { allowed: false, limit: this.limit, remaining: 0, resetSeconds: wait, retryAfterSeconds: wait }
    }
    this.hits.push(now)
    return { allowed: true, limit: this.limit, remaining: this.limit - used - 1, resetSeconds: this.resetSeconds(now) }
  }
}
