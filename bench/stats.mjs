/** The median of a list of numbers. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Runs `f` repeatedly for about `ms` and returns the median time of one call in µs (batches of `batch`). */
export const timeIt = (f, { ms = 1000, batch = 50 } = {}) => {
  const samples = []
  const end = performance.now() + ms
  while (performance.now() < end || samples.length < 5) {
    const t0 = performance.now()
    for (let i = 0; i < batch; i++) f()
    samples.push(((performance.now() - t0) * 1000) / batch)
  }
  return median(samples)
}
