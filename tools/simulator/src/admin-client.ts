import type { AdminState } from "./admin.js"
import type { Fault } from "./faults.js"
import type { LoggedRequest } from "./state.js"

/** The admin API of a simulator running in another process (see `addAdminRoutes`). */
export interface AdminClient {
  readonly state: () => Promise<AdminState>
  /** The request log from entry `since` (default 0), and the index to read from next time. */
  readonly requests: (since?: number) => Promise<{ readonly requests: ReadonlyArray<LoggedRequest>; readonly next: number }>
  readonly reset: () => Promise<AdminState>
  /** Queues a fault for the next `times` requests whose path matches `path` (a RegExp source). */
  readonly queueFault: (fault: Fault, match?: { readonly method?: string; readonly path?: string; readonly after?: number }, times?: number) => Promise<void>
}

const expectOk = async (response: Response): Promise<any> => {
  if (!response.ok) throw new Error(`simulator admin API: ${response.status} ${await response.text()}`)
  return response.json()
}

/** A client for the admin API of the simulator at `baseUrl`. */
export const adminClient = (baseUrl: string): AdminClient => ({
  state: () => fetch(`${baseUrl}/__admin/state`).then(expectOk),
  requests: (since = 0) => fetch(`${baseUrl}/__admin/requests?since=${since}`).then(expectOk),
  reset: () => fetch(`${baseUrl}/__admin/reset`, { method: "POST" }).then(expectOk),
  queueFault: async (fault, match, times) => {
    await fetch(`${baseUrl}/__admin/faults`, { method: "POST", body: JSON.stringify({ fault, ...(match === undefined ? {} : { match }), ...(times === undefined ? {} : { times }) }) }).then(expectOk)
  }
})
