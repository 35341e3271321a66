/** A row read from a file before validation: its first line and its fields as the file gave them. */
export interface RawRow {
  line: number;
  fields: Record<string, unknown>;
}
