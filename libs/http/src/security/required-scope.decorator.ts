import { SetMetadata } from '@nestjs/common';
import { Scope } from '@vm-system/domain';

/** `public`: answered without a token (GET /health only). */
export type RouteAccess = Scope | 'public';

export const REQUIRED_SCOPE = 'vm-system:required-scope';

/**
 * The scope a route needs. On a controller it covers its writes; a GET needs `read`
 * unless its handler says otherwise. A write with no scope stops the daemon at start
 * (see route-table), so no route can be added that the guard does not know.
 */
export const RequiredScope = (access: RouteAccess) => SetMetadata(REQUIRED_SCOPE, access);
