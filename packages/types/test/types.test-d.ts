import { describe, expectTypeOf, it } from "vitest"
import type {
  DeletedUser,
  DeletedUserEnvelope,
  DeletedUsersCount,
  DeletedUsersCountEnvelope,
  DeletedUsersPage,
  ErrorBody,
  ErrorsListBody,
  operations,
  paths
} from "@deleted-users/types"

// The official examples, verbatim.
const david = {
  active: false,
  created_at: "2019-08-26T02:10:24Z",
  email: "david@email.com",
  id: 189304711533,
  locale: "en-US",
  locale_id: 1,
  name: "David",
  organization_id: 360000000008,
  phone: null,
  photo: null,
  role: "end-user",
  shared_phone_number: null,
  time_zone: "Eastern Time (US & Canada)",
  updated_at: "2019-08-26T02:10:27Z",
  url: "https://{subdomain}.zendesk.com/api/v2/deleted_users/189304711533"
} as const

describe("generated types", () => {
  it("accept the official examples", () => {
    const show: DeletedUserEnvelope = { deleted_user: david }
    const list: DeletedUsersPage = { deleted_users: [david, { ...david, id: 12204720593, email: "linda@gmail.com" }] }
    const count: DeletedUsersCountEnvelope = { count: { refreshed_at: "2020-04-06T02:18:17Z", value: 13 } }
    expectTypeOf(show.deleted_user).toEqualTypeOf<DeletedUser>()
    expectTypeOf(list.deleted_users).toEqualTypeOf<Array<DeletedUser>>()
    expectTypeOf(count.count).toEqualTypeOf<DeletedUsersCount>()
  })

  it("accept what real data needs: nulls, boolean shared_phone_number, a cursor page", () => {
    const purged: DeletedUser = { ...david, name: "Permanently Deleted User", email: null, organization_id: null, shared_phone_number: false }
    const page: DeletedUsersPage = {
      deleted_users: [purged],
      meta: { has_more: false, after_cursor: "a+b/c=", before_cursor: null },
      links: { next: "https://x.zendesk.com/api/v2/deleted_users?page%5Bafter%5D=a", prev: null }
    }
    const refreshing: DeletedUsersCount = { refreshed_at: null, value: 100000 }
    expectTypeOf(page.meta).toEqualTypeOf<{ has_more: boolean; after_cursor: string | null; before_cursor: string | null } | undefined>()
    expectTypeOf(refreshing.refreshed_at).toEqualTypeOf<string | null>()
  })

  it("reject what the API never sends", () => {
    // @ts-expect-error a string id
    const stringId: DeletedUser = { ...david, id: "189304711533" }
    // @ts-expect-error a page without deleted_users
    const noUsers: DeletedUsersPage = { meta: { has_more: false, after_cursor: null, before_cursor: null } }
    // @ts-expect-error a role Zendesk does not have
    const badRole: DeletedUser = { ...david, role: "owner" }
    // @ts-expect-error a count without a value
    const noValue: DeletedUsersCount = { refreshed_at: null }
    void [stringId, noUsers, badRole, noValue]
  })

  it("describe every error envelope", () => {
    expectTypeOf<{ errors: [{ code: "InvalidPaginationParameter"; title: "page[after] is not valid" }] }>().toMatchTypeOf<ErrorsListBody>()
    expectTypeOf<{ error: "RecordNotFound"; description: "Not found" }>().toMatchTypeOf<ErrorBody>()
    expectTypeOf<{ error: { title: "Forbidden"; message: "..." } }>().toMatchTypeOf<ErrorBody>()
    expectTypeOf<{ error: "Couldn't authenticate you" }>().toMatchTypeOf<ErrorBody>()
  })

  it("keep the seed's operationIds and type the path parameter as an integer", () => {
    expectTypeOf<keyof operations>().toEqualTypeOf<"ListDeletedUsers" | "CountDeletedUsers" | "ShowDeletedUser" | "PermanentlyDeleteUser">()
    expectTypeOf<paths["/api/v2/deleted_users/{deleted_user_id}"]["parameters"]["path"]>().toEqualTypeOf<{ deleted_user_id: number }>()
    expectTypeOf<NonNullable<operations["ListDeletedUsers"]["parameters"]["query"]>["page[size]"]>().toEqualTypeOf<number | undefined>()
  })
})
