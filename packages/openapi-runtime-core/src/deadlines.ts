/**
 * The timeouts of a transport's requests on one timer. Arming a Node timer per request and clearing
 * it on the answer costs more than the rest of a keep-alive exchange's JavaScript (a timer list made
 * and dropped, the libuv timer moved, each call): here a request only joins a set, and the one timer
 * is moved only when a request's deadline comes before the one it is armed for. The timer never keeps
 * the process alive by itself (a request in flight does, by its socket), so a transport with nothing
 * in flight lets the process exit.
 *
 * @internal
 * @module
 */

/** One deadline: when it is due (ms, `performance.now()`), and what to do then. */
interface Deadline {
  readonly due: number
  readonly expire: () => void
}

/** A set of deadlines on one timer: `add` one (a timeout of `ms` milliseconds), and `remove` it when the request is answered. */
export interface Deadlines {
  /** Calls `expire` once `ms` (at least 1) milliseconds have passed, unless removed first; returns the deadline to remove. */
  readonly add: (ms: number, expire: () => void) => unknown
  /** Forgets a deadline (its request was answered, failed or interrupted); removing one twice is harmless. */
  readonly remove: (deadline: unknown) => void
}

/** Deadlines on one unreferenced timer, armed for the earliest of them. */
export const makeDeadlines = (): Deadlines => {
  const pending = new Set<Deadline>()
  let timer: ReturnType<typeof setTimeout> | undefined
  // When the armed timer fires (ms, `performance.now()`); Infinity when none is armed.
  let armedFor = Infinity
  const arm = (delay: number, due: number): void => {
    if (timer !== undefined) clearTimeout(timer)
    armedFor = due
    timer = setTimeout(fire, delay)
    timer.unref()
  }
  const fire = (): void => {
    timer = undefined
    armedFor = Infinity
    const now = performance.now()
    let next = Infinity
    const expired: Array<Deadline> = []
    for (const deadline of pending) {
      // Node fires a timer on its loop's clock, which may lag `performance.now()` by under a millisecond.
      if (deadline.due - now < 1) expired.push(deadline)
      else if (deadline.due < next) next = deadline.due
    }
    for (const deadline of expired) pending.delete(deadline)
    if (next !== Infinity) arm(Math.ceil(next - now), next)
    for (const deadline of expired) deadline.expire()
  }
  return {
    add: (ms, expire) => {
      const delay = Math.max(1, ms)
      const deadline: Deadline = { due: performance.now() + delay, expire }
      pending.add(deadline)
      if (deadline.due < armedFor) arm(delay, deadline.due)
      return deadline
    },
    remove: (deadline) => {
      pending.delete(deadline as Deadline)
    }
  }
}
