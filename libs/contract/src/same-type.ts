/**
 * A compile-time check that a wire enumeration and the domain's agree, both ways:
 * `same<Same<A, B>>()` does not compile when they differ.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const same = <_Check extends true>(): void => undefined;
