import * as Effect from "effect/Effect"
import type { HarEntry } from "./har.js"
import type { ReplayOutcome } from "./replay.js"
import type { SpecIndex } from "./spec-index.js"

/** Where the Zendesk Deleted Users replay now lives; read only by the deprecated `replayEntry`. */
const zendeskReplayModule = "@deleted-users/effect-client/replay"

let warned = false

/**
 * Loads `replayEntry` from `specifier` (a package the contract tool does not depend on, resolved only
 * when called): a defect that says what to install when it is not there. Not exported by the package.
 */
export const replayFrom = (specifier: string) => (index: SpecIndex, entry: HarEntry): Effect.Effect<ReplayOutcome> =>
  Effect.flatMap(
    Effect.tryPromise({
      try: () => import(specifier) as Promise<{ readonly replayEntry: (index: SpecIndex, entry: HarEntry) => Effect.Effect<ReplayOutcome> }>,
      catch: (cause) =>
        new Error(`replayEntry moved to ${specifier}: install the package that provides it (npm install ${specifier.split("/").slice(0, 2).join("/")}) and import it from there`, { cause })
    }).pipe(Effect.orDie),
    (module) => module.replayEntry(index, entry)
  )

/**
 * Replays one entry through the Zendesk Deleted Users client.
 *
 * @deprecated Moved beside the client it replays through: `import { replayEntry } from
 * "@deleted-users/effect-client/replay"`. This alias loads that module when called (install
 * `@deleted-users/effect-client`; the contract tool does not depend on it), warns once, and is removed
 * in the next major. For any other client, use `replayThrough`.
 */
export const replayEntry = (index: SpecIndex, entry: HarEntry): Effect.Effect<ReplayOutcome> =>
  Effect.suspend(() => {
    if (!warned) {
      warned = true
      process.emitWarning(`replayEntry from @effect-openapi/contract is deprecated: import it from ${zendeskReplayModule}`, { type: "DeprecationWarning", code: "DELETED_USERS_REPLAY_ENTRY" })
    }
    return replayFrom(zendeskReplayModule)(index, entry)
  })
