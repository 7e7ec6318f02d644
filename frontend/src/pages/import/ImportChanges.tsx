import { Badge, Paper, Table, Text } from '@mantine/core';
import type { ImportChange } from '../../api';

/** A field name as the web app labels it: risk_tier -> "Risk tier". */
export function fieldLabel(field: string): string {
  const s = field.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A stored value as text; an empty value says so. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) return v.length === 0 ? '(empty)' : v.join(', ');
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return String(v);
}

/** The records an import would create and the fields it would change, old and new value side by side. */
export function ImportChanges({ changes, fileName }: { changes: ImportChange[]; fileName?: string }) {
  const updates = changes.filter((c) => c.action === 'update');
  const creates = changes.filter((c) => c.action === 'create');
  return (
    <Paper withBorder style={{ maxHeight: '50vh', overflow: 'auto' }} data-testid="import-changes">
      <Table stickyHeader fz="sm" verticalSpacing={4} miw={600}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', padding: 8 }}>
          What the import changes{fileName ? ` (${fileName})` : ''}: {updates.length} updated, {creates.length} new
        </Table.Caption>
        <Table.Thead bg="gray.1">
          <Table.Tr>
            <Table.Th scope="col">Row</Table.Th>
            <Table.Th scope="col">Record</Table.Th>
            <Table.Th scope="col">Field</Table.Th>
            <Table.Th scope="col">Now</Table.Th>
            <Table.Th scope="col">After the import</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c) =>
            c.action === 'create' ? (
              <Table.Tr key={`${c.row}`}>
                <Table.Td>{c.row}</Table.Td>
                <Table.Td>{c.record}</Table.Td>
                <Table.Td colSpan={3}>
                  <Badge color="blue" variant="light">
                    New
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ) : (
              c.fields.map((f, i) => (
                <Table.Tr key={`${c.row}-${f.field}`}>
                  <Table.Td>{i === 0 ? c.row : ''}</Table.Td>
                  <Table.Td>{i === 0 ? c.record : ''}</Table.Td>
                  <Table.Td>{fieldLabel(f.field)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {valueText(f.old)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{valueText(f.new)}</Table.Td>
                </Table.Tr>
              ))
            ),
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
