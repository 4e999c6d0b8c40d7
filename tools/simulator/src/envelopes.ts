/** Zendesk's error envelopes, as `../shared/zendesk-api-facts.md` records them. */
export const envelopes = {
  invalidPaginationParameter: (title: string) => ({ errors: [{ code: "InvalidPaginationParameter", title }] }),
  invalidPaginationDepth: {
    error: "InvalidPaginationDepth",
    description: "Offset pagination is limited to the first 10000 records. Use cursor pagination."
  },
  unauthorized: { error: "Couldn't authenticate you" },
  forbidden: {
    error: {
      title: "Forbidden",
      message: "You do not have access to this page. Please contact the account owner of this help desk for further help."
    }
  },
  recordNotFound: { error: "RecordNotFound", description: "Not found" },
  invalidEndpoint: { error: "InvalidEndpoint", description: "Not found" },
  conflict: { error: "Conflict", description: "The resource was modified by another request. Please retry." },
  recordInvalid: {
    error: "RecordInvalid",
    description: "Record validation errors",
    details: { base: [{ description: "User cannot be permanently deleted" }] }
  },
  internal: { error: "InternalServerError", description: "Something went wrong" },
  databaseTimeout: { error: "DatabaseTimeout", description: "Please retry after the time given in Retry-After" },
  maintenance: { error: "Maintenance", description: "Zendesk is down for maintenance" }
} as const
