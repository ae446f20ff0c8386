export type TokenState = { status: 'absent' } | { status: 'issued' | 'revoked'; id: string };

export const initialTokenState = (): TokenState => ({ status: 'absent' });
