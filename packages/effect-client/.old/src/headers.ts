/** Response headers as the rate limiter and the error envelope reader see them (case-insensitive). */

/** What the client reads of response headers: `Headers` has it, and so does `ResponseHeaders`. */
export interface HeaderReader {
  /** The value of a header, by case-insensitive name; null when absent. */
  get(name: string): string | null
  /** Calls `f` with each header's value and name. */
  forEach(f: (value: string, name: string) => void): void
}

/** Response headers as the client reads them (case-insensitive `get`, and `forEach`). */
export class ResponseHeaders implements HeaderReader {
  constructor(private readonly record: Readonly<Record<string, string>>) {}
  get(name: string): string | null {
    return this.record[name.toLowerCase()] ?? null
  }
  forEach(f: (value: string, name: string) => void): void {
    for (const [name, value] of Object.entries(this.record)) f(value, name)
  }
}
