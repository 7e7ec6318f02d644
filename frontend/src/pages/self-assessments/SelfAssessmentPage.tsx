import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { selfAssessmentsApi, type Attachment, type SelfAssessment, type SelfAssessmentItem } from '../../api';
import { DueDate } from '../../components/DueDate';
import { FormError, serverErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatTimestamp } from '../../format/dates';
import { AssessmentStatusBadge } from './SelfAssessmentsPage';

/** One questionnaire as the buyer reads it: the supplier's statements, item by item, and the review. */
export default function SelfAssessmentPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['self-assessments', id], queryFn: ({ signal }) => selfAssessmentsApi.get(id, signal) });
  if (!q.data) {
    return (
      <RecordState
        title="Questionnaire"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Questionnaires', to: '/self-assessments' }, { label: 'Questionnaire' }]}
        error={q.error}
        onRetry={() => void q.refetch()}
      />
    );
  }
  return <AssessmentView key={q.data.version} a={q.data} />;
}

/** An answer in words: "Yes", "Rated 4 of 5", "N/A" or the text. */
export function answerWords(it: SelfAssessmentItem): string {
  const a = it.answer;
  if (!a || !a.given) return 'Not answered';
  if (a.not_applicable) return 'N/A';
  if (it.answer_type === 'yes_no') return a.answer === 'yes' ? 'Yes' : 'No';
  if (it.answer_type === 'rating_1_5') return `Rated ${a.rating} of 5`;
  return a.text;
}

function AssessmentView({ a }: { a: SelfAssessment }) {
  const can = usePermissions();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState<Record<number, string>>({});
  const [comment, setComment] = useState('');
  const reviewing = can.edit && a.status === 'submitted';
  const review = useMutation({
    mutationFn: (decision: 'accept' | 'return') =>
      selfAssessmentsApi.review(a.id, {
        version: a.version,
        decision,
        ...(comment ? { comment } : {}),
        ...(decision === 'return' ? { items: Object.entries(returning).map(([id, c]) => ({ item_id: Number(id), comment: c })) } : {}),
      }),
    onSuccess: async (next) => {
      queryClient.setQueryData(['self-assessments', a.id], next);
      await queryClient.invalidateQueries({ queryKey: ['self-assessments'] });
      await queryClient.invalidateQueries({ queryKey: ['audit-events'] });
    },
  });
  const order = Object.keys(returning).map(Number);
  const err = serverErrors(review.error, []);
  const itemError = (itemId: number) => err.field(`items[${order.indexOf(itemId)}].comment`);
  const files = new Map(a.files.map((f) => [f.id, f]));
  const title = `${a.template_name} · ${a.site_code}`;
  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Questionnaires', to: '/self-assessments' }, { label: title }]}
        description={`Self-assessment questionnaire sent to ${a.manufacturer_name}. The answers are the supplier's own statements.`}
      />
      <Stack gap="md">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Fact label="Status">
              <AssessmentStatusBadge status={a.status} />
            </Fact>
            <Fact label="Site">
              <Anchor component={Link} to={`/sites/${a.site_id}`} ff="monospace" size="sm">
                {a.site_code}
              </Anchor>{' '}
              <Text span size="sm">
                {a.site_name}
              </Text>
            </Fact>
            <Fact label="Due">
              <DueDate date={a.due_date} done={a.status === 'submitted' || a.status === 'accepted'} />
            </Fact>
            <Fact label="Answered">
              {a.answered} of {a.total}
            </Fact>
            <Fact label="Sent">
              {a.sent_by_name}, {formatTimestamp(a.sent_at)}
            </Fact>
            <Fact label="Submitted">{a.submitted_at ? `${a.submitted_by_name}, ${formatTimestamp(a.submitted_at)} (${a.submissions}×)` : '—'}</Fact>
            <Fact label="Reviewed">{a.reviewed_at ? `${a.reviewed_by_name}, ${formatTimestamp(a.reviewed_at)}` : '—'}</Fact>
            <Fact label="Returned">{a.rework_count}</Fact>
            <Fact label="Submissions in the audit trail">{a.receipts.map((r) => `#${r.sequence}`).join(', ') || 'none yet'}</Fact>
          </SimpleGrid>
          {a.message && (
            <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.message}
            </Text>
          )}
        </Paper>
        {a.status !== 'submitted' && a.status !== 'accepted' && (
          <Alert color="blue">The supplier is answering; the answers saved so far are shown. You review them once submitted.</Alert>
        )}
        {a.sections.map((s) => (
          <Stack key={s.id} gap="xs" component="section" aria-labelledby={`section-${s.id}`}>
            <Title order={2} size="h5" id={`section-${s.id}`}>
              {s.number}. {s.title}
            </Title>
            {s.items.map((it) => (
              <Paper key={it.id} withBorder p="sm" component="article" aria-label={`${it.number} ${it.question}`}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {it.number} {it.question}
                  </Text>
                  {it.critical && (
                    <Badge color="red" variant="light" size="sm">
                      Critical
                    </Badge>
                  )}
                </Group>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  <Text span fw={600}>
                    Supplier&apos;s answer:
                  </Text>{' '}
                  {answerWords(it)}
                </Text>
                {it.answer?.note && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {it.answer.note}
                  </Text>
                )}
                <Evidence ids={it.answer?.attachment_ids ?? []} files={files} />
                {it.answer?.return_comment && (
                  <Text size="sm" c="orange.9">
                    Returned: {it.answer.return_comment}
                    {it.answer.reworked ? ' (changed since)' : ''}
                  </Text>
                )}
                {reviewing && (
                  <Stack gap={4} mt="xs">
                    <Checkbox
                      label={`Return ${it.number} for rework`}
                      checked={it.id in returning}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setReturning((r) => {
                          const next = { ...r };
                          if (on) next[it.id] = '';
                          else delete next[it.id];
                          return next;
                        });
                      }}
                    />
                    {it.id in returning && (
                      <Textarea
                        label={`What must change in ${it.number}`}
                        required
                        autosize
                        minRows={2}
                        value={returning[it.id]}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setReturning((r) => ({ ...r, [it.id]: v }));
                        }}
                        error={itemError(it.id)}
                      />
                    )}
                  </Stack>
                )}
              </Paper>
            ))}
          </Stack>
        ))}
        {reviewing && (
          <Paper withBorder p="md" component="section" aria-label="Review">
            <Stack gap="sm">
              <Title order={2} size="h5">
                Review
              </Title>
              <FormError error={review.error} shownFields={order.map((_, i) => `items[${i}].comment`)} />
              <Textarea label="Comment to the supplier" autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
              <Group justify="flex-end">
                <Button variant="default" color="orange" disabled={order.length === 0} loading={review.isPending && review.variables === 'return'} onClick={() => review.mutate('return')}>
                  Return {order.length} {order.length === 1 ? 'item' : 'items'}
                </Button>
                <Button disabled={order.length > 0} loading={review.isPending && review.variables === 'accept'} onClick={() => review.mutate('accept')}>
                  Accept answers
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
        {a.review_comment && <Alert title="Comment at the last review">{a.review_comment}</Alert>}
      </Stack>
    </>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function Evidence({ ids, files }: { ids: number[]; files: Map<number, Attachment> }) {
  const list = ids.map((id) => files.get(id)).filter((f): f is Attachment => !!f);
  if (list.length === 0) return null;
  return (
    <Group gap="xs" mt={4}>
      <Text size="sm" c="dimmed">
        Evidence:
      </Text>
      {list.map((f) => (
        <Anchor key={f.id} href={selfAssessmentsApi.fileURL(f.id)} size="sm">
          {f.file_name}
        </Anchor>
      ))}
    </Group>
  );
}
