import { Alert, Anchor, Badge, Button, Group, List, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  checklistTemplatesApi,
  inspectionsApi,
  isApiError,
  type ChecklistAnswerWrite,
  type FindingFromItem,
  type ChecklistItemWithAnswer,
  type InspectionChecklist,
  type InspectionStatus,
  queryKeys,
  refreshAfter,
} from '../../api';
import { ResultBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { Field, FormError, serverErrors } from '../../components/forms';
import { label } from '../../format/labels';
import { fieldsOf, prefilledFinding } from '../../offline/queue';
import { RaiseFindingModal } from './RaiseFindingModal';
import { ContradictionsList, SupplierSaid } from './SupplierStatements';

export const checklistsKey = queryKeys.checklists;

/** Hook shared with the completion form: the checklists, score and suggested result. */
export function useInspectionChecklists(inspectionId: number) {
  return useQuery({ queryKey: checklistsKey(inspectionId), queryFn: ({ signal }) => inspectionsApi.checklists(inspectionId, signal) });
}

/**
 * The inspection's checklists: add one from a template, answer its items
 * (big buttons: inspectors answer on tablets), the live score and the
 * suggested result. Answers change only while the inspection is planned.
 */
export function ChecklistsPanel({ inspectionId, status, canEdit }: { inspectionId: number; status: InspectionStatus; canEdit: boolean }) {
  const data = useInspectionChecklists(inspectionId);
  const editable = canEdit && status === 'planned';
  const c = data.data;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Checklists
      </Title>
      {data.error && <FormError error={data.error} />}
      {c && (
        <Paper withBorder p="md" aria-label="Checklist score" role="region">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label="Checklist score">{c.score === null ? 'Not scored yet' : `${c.score} %`}</Field>
            <Field label="Answered">{`${c.answered} of ${c.total}`}</Field>
            <Field label="Failed critical items">{String(c.failed_critical)}</Field>
            <Field label="Suggested result">{c.suggested_result ? <ResultBadge result={c.suggested_result} size="lg" /> : 'None yet'}</Field>
          </SimpleGrid>
          {c.reasons.length > 0 && (
            <List size="sm" mt="sm" aria-label="Reasons for the suggested result">
              {c.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          )}
          {c.result_override_reason && (
            <Text size="sm" mt="sm">
              Recorded result differs from the suggestion: {c.result_override_reason}
            </Text>
          )}
        </Paper>
      )}
      {c && <ContradictionsList contradictions={c.contradictions ?? []} />}
      {editable && c && <AddChecklist inspectionId={inspectionId} usedTemplateIds={c.checklists.map((cl) => cl.template.id)} />}
      {c && c.checklists.length === 0 && (
        <EmptyState title="No checklists">
          {editable ? 'Add a checklist from a template to answer it during the visit.' : 'This inspection used no checklist.'}
        </EmptyState>
      )}
      {c?.checklists.map((cl) => (
        <ChecklistCard key={cl.id} inspectionId={inspectionId} checklist={cl} editable={editable} canRaise={canEdit && status !== 'cancelled'} />
      ))}
    </Stack>
  );
}

function AddChecklist({ inspectionId, usedTemplateIds }: { inspectionId: number; usedTemplateIds: number[] }) {
  const queryClient = useQueryClient();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const templates = useQuery({
    queryKey: ['checklist-templates', 'active'],
    queryFn: ({ signal }) => checklistTemplatesApi.list({ page_size: 200 }, signal),
  });
  const choices = (templates.data?.items ?? [])
    .filter((t) => !t.archived_at && !usedTemplateIds.includes(t.id))
    .map((t) => ({ value: String(t.id), label: `${t.name} (v${t.version}, ${t.item_count} items)` }));
  const add = useMutation({
    mutationFn: () => inspectionsApi.addChecklist(inspectionId, Number(templateId)),
    onSuccess: async () => {
      setTemplateId(null);
      await queryClient.invalidateQueries({ queryKey: checklistsKey(inspectionId) });
    },
  });
  const err = serverErrors(add.error, ['template_id']);
  return (
    <Paper withBorder p="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Checklist template"
          placeholder={choices.length ? 'Pick a template' : 'No templates left to add'}
          data={choices}
          value={templateId}
          onChange={setTemplateId}
          error={err.field('template_id')}
          size="md"
          style={{ flex: 1, minWidth: 260 }}
        />
        <Button size="md" disabled={!templateId} loading={add.isPending} onClick={() => add.mutate()}>
          Add checklist
        </Button>
      </Group>
      {err.formMessage && !err.field('template_id') && <FormError error={add.error} shownFields={['template_id']} />}
    </Paper>
  );
}

function ChecklistCard({ inspectionId, checklist, editable, canRaise }: { inspectionId: number; checklist: InspectionChecklist; editable: boolean; canRaise: boolean }) {
  return (
    <Paper withBorder p="md" role="region" aria-label={checklist.template.name}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={3} size="h5">
          {checklist.template.name} <Text span size="sm" c="dimmed">v{checklist.template.version}</Text>
        </Title>
        <Text size="sm">
          {checklist.answered} of {checklist.total} answered · score {checklist.score === null ? '—' : `${checklist.score} %`}
        </Text>
      </Group>
      <Stack gap="lg">
        {checklist.sections.map((section) => (
          <Stack key={section.id} gap="sm">
            <Title order={4} size="h6">
              {section.number}. {section.title}
            </Title>
            {section.items.map((item) => (
              <ChecklistItemRow key={item.id} inspectionId={inspectionId} checklistId={checklist.id} checklistName={`${checklist.template.name} v${checklist.template.version}`} item={item} editable={editable} canRaise={canRaise} />
            ))}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

function answerText(item: ChecklistItemWithAnswer): string {
  const a = item.answer;
  if (!a) return 'Not answered';
  if (a.not_applicable) return 'N/A';
  if (item.answer_type === 'yes_no') return a.answer === 'yes' ? 'Yes' : 'No';
  if (item.answer_type === 'rating_1_5') return `Rated ${a.rating ?? ''} of 5`;
  return a.text;
}

function ChecklistItemRow({ inspectionId, checklistId, checklistName, item, editable, canRaise }: { inspectionId: number; checklistId: number; checklistName: string; item: ChecklistItemWithAnswer; editable: boolean; canRaise: boolean }) {
  const queryClient = useQueryClient();
  const a = item.answer;
  const [note, setNote] = useState(a?.note ?? '');
  const [text, setText] = useState(a?.text ?? '');
  const reload = () => queryClient.invalidateQueries({ queryKey: checklistsKey(inspectionId) });
  const save = useMutation({
    mutationFn: (body: Omit<ChecklistAnswerWrite, 'version' | 'note'>) =>
      inspectionsApi.answer(inspectionId, checklistId, item.id, { version: a?.version ?? 0, note, ...body }),
    onSuccess: reload,
    onError: (e) => {
      if (isApiError(e, 409)) void reload();
    },
  });
  const [raising, setRaising] = useState(false);
  const raise = useMutation({
    mutationFn: (finding: FindingFromItem) => inspectionsApi.raiseFinding(inspectionId, checklistId, item.id, finding),
    onSuccess: async () => {
      setRaising(false);
      await reload();
      await refreshAfter(queryClient, 'finding');
    },
  });
  const current = (body: Omit<ChecklistAnswerWrite, 'version' | 'note'>) => save.mutate(body);
  const pressed = (on: boolean) => ({ variant: on ? 'filled' : 'default', 'aria-pressed': on }) as const;
  const conflict = isApiError(save.error, 409);
  const err = serverErrors(save.error, ['answer', 'rating', 'text', 'not_applicable', 'note']);
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Item ${item.number}`} bg={a?.failed ? 'red.0' : undefined}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm">
            {item.number}
          </Text>
          <div style={{ flex: 1 }}>
            <Text size="sm" fw={500}>
              {item.question}
            </Text>
            {item.guidance && (
              <Text size="xs" c="dimmed">
                {item.guidance}
              </Text>
            )}
            <Group gap={6} mt={4}>
              {item.critical && (
                <Badge color="red" variant="light" size="sm">
                  Critical
                </Badge>
              )}
              <Badge color="gray" variant="light" size="sm">
                Weight {item.weight}
              </Badge>
              <Badge color="gray" variant="light" size="sm">
                {label(item.category)}
              </Badge>
              {item.requirement && (
                <Text span size="xs" c="dimmed">
                  {item.requirement}
                </Text>
              )}
            </Group>
            <SupplierSaid answer={item.supplier_answer} type={item.answer_type} contradicts={item.contradicts} />
          </div>
        </Group>

        {editable ? (
          <Stack gap="xs">
            <Group gap="sm" wrap="wrap">
              {item.answer_type === 'yes_no' && (
                <>
                  <Button size="lg" miw={96} color="green" {...pressed(a?.answer === 'yes' && !a.not_applicable)} loading={save.isPending} onClick={() => current({ answer: 'yes' })}>
                    Yes
                  </Button>
                  <Button size="lg" miw={96} color="red" {...pressed(a?.answer === 'no' && !a.not_applicable)} loading={save.isPending} onClick={() => current({ answer: 'no' })}>
                    No
                  </Button>
                </>
              )}
              {item.answer_type === 'rating_1_5' &&
                [1, 2, 3, 4, 5].map((r) => (
                  <Button key={r} size="lg" miw={64} aria-label={`Rate ${r}`} {...pressed(a?.rating === r && !a.not_applicable)} loading={save.isPending} onClick={() => current({ rating: r })}>
                    {r}
                  </Button>
                ))}
              {item.na_allowed && (
                <Button size="lg" color="gray" {...pressed(!!a?.not_applicable)} loading={save.isPending} onClick={() => current({ not_applicable: true })}>
                  N/A
                </Button>
              )}
            </Group>
            {item.answer_type === 'text' && (
              <Textarea label={`Answer to ${item.number}`} autosize minRows={2} size="md" value={text} onChange={(e) => setText(e.currentTarget.value)} error={err.field('text')} />
            )}
            <Textarea label={`Note for ${item.number}`} autosize minRows={1} size="md" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={err.field('note')} />
            {(item.answer_type === 'text' || (a && note !== a.note)) && (
              <Button
                size="md"
                variant="light"
                w="fit-content"
                loading={save.isPending}
                disabled={item.answer_type === 'text' ? !text.trim() && !a : !a}
                onClick={() => {
                  if (item.answer_type === 'text') current({ text });
                  else if (a?.not_applicable) current({ not_applicable: true });
                  else if (item.answer_type === 'yes_no') current({ answer: a?.answer === 'no' ? 'no' : 'yes' });
                  else current({ rating: a?.rating ?? null });
                }}
              >
                {item.answer_type === 'text' ? 'Save answer' : 'Save note'}
              </Button>
            )}
          </Stack>
        ) : (
          <Text size="sm">
            <Text span fw={600}>
              Answer:
            </Text>{' '}
            {answerText(item)}
            {a?.note ? ` — ${a.note}` : ''}
          </Text>
        )}

        {a && (
          <Text size="xs" c="dimmed">
            {editable ? `Answer: ${answerText(item)} · ` : ''}by {a.answered_by_name}
          </Text>
        )}
        {conflict && (
          <Alert color="orange" variant="light" role="alert" title="Someone else answered this item">
            The answer was reloaded; check it and answer again if needed.
          </Alert>
        )}
        {save.error && !conflict && err.formMessage && (
          <Text size="sm" c="red" role="alert">
            {err.formMessage}
          </Text>
        )}
        {a?.finding_id ? (
          <Anchor component={Link} to={`/findings/${a.finding_id}`} size="sm" fw={600}>
            Finding #{a.finding_id} raised from this answer
          </Anchor>
        ) : (
          a &&
          !a.not_applicable &&
          (a.failed || (a.rating !== null && a.rating < 5)) &&
          canRaise && (
            <Group gap="sm">
              <Button size="md" color="red" variant="light" onClick={() => setRaising(true)}>
                Raise finding
              </Button>
              <RaiseFindingModal
                opened={raising}
                onClose={() => setRaising(false)}
                itemNumber={item.number}
                initial={prefilledFinding(item, fieldsOf(a), checklistName)}
                submit={(f) => raise.mutate(f)}
                pending={raise.isPending}
                error={raise.error}
              />
            </Group>
          )
        )}
      </Stack>
    </Paper>
  );
}
