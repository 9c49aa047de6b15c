import { CoreError } from '../api/errors';

/**
 * Refuses a second run of an operation on one key while the first is under
 * way (the seed's `_start_pending` / `_stop_pending` sets).
 */
export class PendingGuard {
  private readonly pending = new Set<string>();

  constructor(private readonly what: string) {}

  has(key: string): boolean {
    return this.pending.has(key);
  }

  async run<T>(key: string, details: Record<string, unknown>, task: () => Promise<T>): Promise<T> {
    if (this.pending.has(key))
      throw new CoreError(
        'OPERATION_IN_PROGRESS',
        `A ${this.what} ${key} is already in progress`,
        details,
      );
    this.pending.add(key);
    try {
      return await task();
    } finally {
      this.pending.delete(key);
    }
  }
}
