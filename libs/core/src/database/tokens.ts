export const DATABASE = Symbol('DATABASE');
export const SQL = Symbol('SQL');
export const CORE_OPTIONS = Symbol('CORE_OPTIONS');
