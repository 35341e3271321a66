import { DriverNotFoundError } from '#vorch/vim-drivers';

/**
 * The object, or `undefined` when the VIM no longer has it: between listing something and reading it, anything may
 * be deleted, and for discovery that is an answer, not a failure.
 */
export async function orGone<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof DriverNotFoundError) return undefined;
    throw err;
  }
}
