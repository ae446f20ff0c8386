import { z } from 'zod';
import { named } from './registry';

/** A host module a template may enable. */
export const CatalogModule = named('CatalogModule', z.strictObject({ name: z.string(), description: z.string(), functions: z.array(z.string()) }));
export type CatalogModule = z.infer<typeof CatalogModule>;

/** A library a template may load from the local cache. */
export const CatalogLibrary = named('CatalogLibrary', z.strictObject({ id: z.string(), name: z.string(), version: z.string(), global: z.string(), description: z.string() }));
export type CatalogLibrary = z.infer<typeof CatalogLibrary>;
