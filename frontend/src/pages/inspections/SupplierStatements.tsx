import { Anchor, Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AnswerType, Contradiction, SupplierStatedAnswer } from '../../api';

/** Words for the supplier's answer. */
export function supplierAnswerText(a: SupplierStatedAnswer, type: AnswerType): string {
  if (a.not_applicable) return 'N/A';
  if (type === 'yes_no') return a.answer === 'yes' ? 'Yes' : 'No';
  if (type === 'rating_1_5') return `Rated ${a.rating ?? ''} of 5`;
  return a.text;
}

/**
 * The supplier's self-assessment answer beside an inspection item: small,
 * labelled and read-only, never in the inspector's answer controls.
 * Offline copies saved before the field existed have no supplier_answer.
 */
export function SupplierSaid({ answer, type, contradicts }: { answer: SupplierStatedAnswer | null | undefined; type: AnswerType; contradicts?: boolean }) {
  if (!answer) return null;
  const evidence = answer.evidence_count === 1 ? '1 evidence file' : `${answer.evidence_count} evidence files`;
  return (
    <Group gap={6} wrap="wrap" aria-label="Supplier's self-assessment answer" role="note">
      <Text size="xs" c="dimmed">
        <Text span fw={600} size="xs">
          Supplier said:
        </Text>{' '}
        {supplierAnswerText(answer, type)}
        {answer.note ? ` — ${answer.note}` : ''}
        {answer.evidence_count > 0 ? ` · ${evidence}` : ''}
        {' · '}
        <Anchor component={Link} to={`/self-assessments/${answer.self_assessment_id}`} size="xs">
          questionnaire #{answer.self_assessment_id}
        </Anchor>
      </Text>
      {contradicts && (
        <Badge color="orange" variant="light" size="sm">
          Contradicts the supplier
        </Badge>
      )}
    </Group>
  );
}

/** The items where the inspector's answer contradicts the supplier's self-assessment. */
export function ContradictionsList({ contradictions }: { contradictions: Contradiction[] }) {
  if (contradictions.length === 0) return null;
  return (
    <Paper withBorder p="md" role="region" aria-label="Contradictions with the supplier's self-assessment">
      <Title order={3} size="h5" mb="xs">
        Contradictions with the supplier’s self-assessment ({contradictions.length})
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Question</Table.Th>
              <Table.Th>Supplier said</Table.Th>
              <Table.Th>Inspector found</Table.Th>
              <Table.Th>Finding</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contradictions.map((c) => (
              <Table.Tr key={`${c.checklist_id}-${c.item_id}`}>
                <Table.Td>
                  {c.number}{' '}
                  {c.critical && (
                    <Badge color="red" variant="light" size="sm">
                      Critical
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{c.question}</Table.Td>
                <Table.Td>{c.supplier_answer}</Table.Td>
                <Table.Td>{c.inspector_answer}</Table.Td>
                <Table.Td>
                  {c.finding_id ? (
                    <Anchor component={Link} to={`/findings/${c.finding_id}`}>
                      Finding #{c.finding_id}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
