import { v7, validate } from 'uuid';

/** A new UUIDv7: time-ordered, so primary-key inserts stay append-only in the index. */
export function newId(): string {
  return v7();
}

/** True for any RFC 9562 UUID string (any version, either case), as PostgreSQL's uuid type accepts. */
export function isUuid(s: string): boolean {
  return validate(s);
}
