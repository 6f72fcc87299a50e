import type { Schema } from '../api/types';

export type Role = Schema<'User'>['role'];

/** Every role, most powerful first (the server's order). */
export const ROLES: readonly Role[] = ['owner', 'admin', 'marketer', 'analyst', 'store_manager', 'associate', 'agent', 'sales_rep'];

/** Roles that work in stores see only their stores, so they need at least one. */
export const STORE_ROLES: ReadonlySet<Role> = new Set(['store_manager', 'associate']);
