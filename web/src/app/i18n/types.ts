/**
 * A translation of a catalog: the same keys as the Turkish source, any wording. A key missing
 * (or misspelt) in a translation is a type error.
 */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
