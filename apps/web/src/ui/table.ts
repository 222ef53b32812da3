/** A table column as the `*.data.ts` files describe it. */
export interface Column<T> {
  prop: string;
  label: string;
  minWidth?: number;
  width?: number;
  formatter?: (row: T) => string;
}

/** ElTableColumn's formatter signature from ours. */
export const cellFormatter = <T>(c: Column<T>) => (c.formatter ? (row: T) => c.formatter!(row) : undefined);
