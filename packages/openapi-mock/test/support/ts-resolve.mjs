// Lets `node` run src/bin.ts straight from the sources (Node strips the types itself): an import of
// `./x.js` that does not exist resolves to `./x.ts`, as tsc's output would have it.
import { registerHooks } from "node:module"

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context)
    } catch (error) {
      if (/^\.\.?\//.test(specifier) && specifier.endsWith(".js")) return next(`${specifier.slice(0, -3)}.ts`, context)
      throw error
    }
  }
})
