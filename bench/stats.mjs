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

/**
 * Times several functions in interleaved batches for about `ms` in all (so drift and JIT warm-up
 * fall on each alike); returns the median µs of one call of each.
 */
export const timeInterleaved = (fs, { ms = 2000, batch = 50 } = {}) => {
  const samples = Object.fromEntries(Object.keys(fs).map((k) => [k, []]))
  for (const f of Object.values(fs)) for (let i = 0; i < batch * 20; i++) f() // warm-up
  const end = performance.now() + ms
  while (performance.now() < end || samples[Object.keys(fs)[0]].length < 5) {
    for (const [k, f] of Object.entries(fs)) {
      const t0 = performance.now()
      for (let i = 0; i < batch; i++) f()
      samples[k].push(((performance.now() - t0) * 1000) / batch)
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
}
