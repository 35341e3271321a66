/** One problem in a matrix file, located by its line (1-based) so the person fixing it can go straight there. */
export interface RowError {
  line: number;
  /** The column or property at fault, when one is. */
  field?: string;
  message: string;
}

export function formatRowError(e: RowError): string {
  return `line ${e.line}${e.field ? `, ${e.field}` : ''}: ${e.message}`;
}
