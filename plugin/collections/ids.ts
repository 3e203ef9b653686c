/** An ID as Payload gives it: a number on SQL adapters, a string on MongoDB. */
export type Id = number | string

/** A relationship at depth 0 (an ID) or populated (a document with its ID). */
export type Relation = { id: Id } | Id

/** The ID of a relationship value, populated or not. */
export const idOf = (value: Relation): Id => (typeof value === 'object' ? value.id : value)
