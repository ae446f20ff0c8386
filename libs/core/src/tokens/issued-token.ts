import { TokenView } from '@vm-system/projections';

/** The answer to issuing a token: the only time its secret is ever shown. */
export type IssuedToken = TokenView & { token: string };
