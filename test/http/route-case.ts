// The shape of one row of the route table (route-table.ts), shared by the per-module
// route lists under routes/.
import type { Permission } from '../../src/common/policy/permissions.ts';
import type { TestMember, TestOrganisation } from '../helpers/factories.ts';
import type { TestApp } from '../helpers/test-app.ts';

/** A permission, any signed-in member including pending ones ('self'), or no session ('public'). */
export type Need = Permission | 'self' | 'public';

export interface Built {
  url: string;
  /** A JSON value, or raw bytes (a Buffer) sent with the content type in `headers`. */
  payload?: unknown;
  /** Extra request headers (e.g. the content type and Upload-Offset of an upload segment). */
  headers?: Record<string, string>;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route pattern as registered. */
  route: string;
  need: Need;
  /** The status of a valid request by a member who may. */
  ok: number;
  /** Builds a valid request for `actor`, creating fresh objects in `org` as needed. */
  build(t: TestApp, org: TestOrganisation, actor: TestMember): Promise<Built>;
}

export const plain = (url: string, payload?: unknown) => async (): Promise<Built> =>
  payload === undefined ? { url } : { url, payload };
