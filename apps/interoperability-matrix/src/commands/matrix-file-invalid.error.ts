import { VorchError } from '#vorch/contracts';
import { formatRowError, type RowError } from '#vorch/interop-domain';

/**
 * A matrix file with bad rows: nothing of it is imported. Each error names the line (and the field) as
 * `content` errors, so the gateway's 400 names the field like any other; `details.rows` has them structured.
 */
export class MatrixFileInvalidError extends VorchError {
  constructor(rows: RowError[], totalErrors: number) {
    super(
      'INTEROP.MATRIX_FILE_INVALID',
      `The matrix file has ${totalErrors} error(s); nothing was imported`,
      400,
      { rows, totalErrors, listed: rows.length },
      rows.map((r) => ({ field: 'content', message: formatRowError(r) })),
    );
  }
}
