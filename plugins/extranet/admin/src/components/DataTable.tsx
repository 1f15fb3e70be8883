import * as React from 'react';
import { EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';

/** A column of a {@link DataTable}. */
export interface Column<T> {
  /** its header, in the design system's small capitals; unique in the table */
  label: string;
  /** the cell of one row: text and numbers are shown as the design system's Typography */
  cell: (row: T) => React.ReactNode;
  /** text in bold (the row's name) */
  bold?: boolean;
  /** a cell of controls: a click there is not the row's click */
  controls?: boolean;
}

const stopPropagation = (event: React.MouseEvent) => event.stopPropagation();

/**
 * A list as the Extranet pages show it: the design system's table, one row per item, or its
 * empty state once loaded with nothing to show.
 */
export const DataTable = <T,>({
  rows,
  columns,
  rowKey,
  isLoading,
  empty,
  label,
  onRowClick,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  isLoading: boolean;
  /** what the empty state says */
  empty: string;
  /** the table's accessible name */
  label?: string;
  onRowClick?: (row: T) => void;
}) => {
  if (!isLoading && rows.length === 0) return <EmptyStateLayout content={empty} />;
  return (
    <Table colCount={columns.length} rowCount={rows.length + 1} aria-label={label}>
      <Thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column.label}>
              <Typography variant="sigma">{column.label}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr
            key={rowKey(row)}
            onClick={onRowClick ? () => onRowClick(row) : undefined}
            style={onRowClick ? { cursor: 'pointer' } : undefined}
          >
            {columns.map((column) => {
              const content = column.cell(row);
              return (
                <Td key={column.label} onClick={column.controls ? stopPropagation : undefined}>
                  {typeof content === 'string' || typeof content === 'number' ? (
                    <Typography fontWeight={column.bold ? 'bold' : undefined}>{content}</Typography>
                  ) : (
                    content
                  )}
                </Td>
              );
            })}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
