/**
 * Problems opening the store. Each carries the Japanese message shown to
 * staff: what happened, that nothing was changed, and what to do.
 */
export type StoreErrorKind =
  | 'NEWER_VERSION'
  | 'NOT_A_STORE'
  | 'DAMAGED'
  | 'FOREIGN_DATABASE'
  | 'CANNOT_OPEN'
  | 'READ_ONLY_FILE'
  | 'IN_USE'
  | 'BUSY'
  | 'MIGRATION_FAILED';

export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  constructor(kind: StoreErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.kind = kind;
  }
}
