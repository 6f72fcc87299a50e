import type { Customer } from './queries';

/** "Ayşe Yılmaz", or null when the record has no name at all. */
export const customerName = (c: Pick<Customer, 'firstName' | 'lastName'>) => [c.firstName, c.lastName].filter(Boolean).join(' ') || null;
