import { Alert, Anchor, Badge, Button, Card, CloseButton, FileButton, Group, Loader, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  isApiError,
  supplierAssessmentsApi,
  uploadFile,
  type Attachment,
  type AssessmentAnswerInput,
  type AssessmentStatus,
  type SelfAssessment,
  type SelfAssessmentItem,
} from '../../api';
import { serverErrors } from '../../components/forms';
import { Receipts } from '../../components/Receipts';
import { formatDay, formatDueIn } from '../../i18n';

export const assessmentStatusColor: Record<AssessmentStatus, string> = { open: 'blue', submitted: 'gray', returned: 'orange', accepted: 'green' };

const queryKey = (id: number) => ['supplier', 'assessment', id] as const;

/** One questionnaire: every item with the supplier's answer, drafts, evidence, submission. */
export default function SupplierAssessmentPage() {
  const id = Number(useParams().id);
  const { t } = useTranslation();
  const q = useQuery({ queryKey: queryKey(id), queryFn: ({ signal }) => supplierAssessmentsApi.get(id, signal) });
  if (q.isPending) return <Loader aria-label={t('loading')} />;
  if (q.isError) {
    return (
      <Alert color="red" title={t('loadFailed')}>
        {q.error.message}
      </Alert>
    );
  }
  return <AssessmentForm key={q.data.id} a={q.data} />;
}

/** The answer of an item as the form edits it. */
function inputOf(it: SelfAssessmentItem): AssessmentAnswerInput {
  const a = it.answer;
  return {
    item_id: it.id,
    answer: (a?.answer ?? '') as AssessmentAnswerInput['answer'],
    rating: a?.rating ?? null,
    text: a?.text ?? '',
    not_applicable: a?.not_applicable ?? false,
    note: a?.note ?? '',
    attachment_ids: a?.attachment_ids ?? [],
  };
}

/**
 * The answers as the supplier edits them. The form keeps the version its
 * answers were last saved at; every save sends it, so a save made after
 * someone else's is refused (409) and nothing typed here is lost.
 */
function AssessmentForm({ a }: { a: SelfAssessment }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const items = a.sections.flatMap((s) => s.items);
  const draftsOf = (x: SelfAssessment) => Object.fromEntries(x.sections.flatMap((s) => s.items).map((it) => [it.id, inputOf(it)]));
  const [drafts, setDrafts] = useState<Record<number, AssessmentAnswerInput>>(() => draftsOf(a));
  const [dirty, setDirty] = useState<number[]>([]);
  const [version, setVersion] = useState(a.version);
  const [files, setFiles] = useState<Attachment[]>(a.files);
  const [notice, setNotice] = useState<'saved' | 'submitted' | null>(null);
  const editable = (it: SelfAssessmentItem) => a.status === 'open' || (a.status === 'returned' && !!it.answer?.return_comment);
  const change = (itemId: number, patch: Partial<AssessmentAnswerInput>) => {
    setDrafts((d) => ({ ...d, [itemId]: { ...d[itemId]!, ...patch } }));
    setDirty((d) => (d.includes(itemId) ? d : [...d, itemId]));
    setNotice(null);
  };
  // The server's questionnaire becomes the form's: its version, and what was saved is no longer a change.
  const show = (next: SelfAssessment, resetDrafts = false) => {
    setVersion(next.version);
    setDirty([]);
    setFiles(next.files);
    if (resetDrafts) setDrafts(draftsOf(next));
    queryClient.setQueryData(queryKey(a.id), next);
    void queryClient.invalidateQueries({ queryKey: ['supplier', 'assessments'] });
  };
  const sent = dirty.map((id) => drafts[id]!);
  const save = useMutation({
    mutationFn: () => supplierAssessmentsApi.save(a.id, { version, answers: sent }),
    onMutate: (): void => submit.reset(),
    onSuccess: (next) => {
      setNotice('saved');
      show(next);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      let current = version;
      if (sent.length > 0) {
        const saved = await supplierAssessmentsApi.save(a.id, { version, answers: sent });
        show(saved);
        current = saved.version;
      }
      return supplierAssessmentsApi.submit(a.id, current);
    },
    onMutate: (): void => save.reset(),
    onSuccess: (next) => {
      setNotice('submitted');
      show(next);
    },
  });
  const reload = useMutation({
    mutationFn: () => supplierAssessmentsApi.get(a.id),
    onSuccess: (latest) => {
      save.reset();
      submit.reset();
      setNotice(null);
      show(latest, true);
    },
  });
  const failed = save.error ?? submit.error;
  const conflict = isApiError(failed, 409);
  // The server names an answer by its place in the list sent: answers[2].rating.
  const fieldErrors = serverErrors(failed, []);
  const itemError = (itemId: number) => {
    const i = dirty.indexOf(itemId);
    if (i < 0) return undefined;
    for (const f of ['answer', 'rating', 'text', 'not_applicable', 'note', 'attachment_ids', 'item_id']) {
      const why = fieldErrors.field(`answers[${i}].${f}`);
      if (why) return why;
    }
    return undefined;
  };
  const attach = useMutation({
    mutationFn: async ({ file }: { itemId: number; file: File }) => (await uploadFile<Attachment>(supplierAssessmentsApi.fileUploadPath(a.id), file)).body,
    onSuccess: (att, { itemId }) => {
      setFiles((f) => [...f, att]);
      change(itemId, { attachment_ids: [...(drafts[itemId]?.attachment_ids ?? []), att.id] });
    },
  });
  const answered = items.filter((it) => {
    const d = drafts[it.id]!;
    return d.answer || d.rating != null || d.text?.trim() || d.not_applicable;
  }).length;
  const returned = items.filter((it) => it.answer?.return_comment).length;
  const canEdit = a.status === 'open' || a.status === 'returned';
  const lastReceipt = a.receipts.at(-1);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/supplier" size="sm">
        {t('assessment.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('assessment.title', { name: a.template_name, site: a.site_code })}
      </Title>
      <Paper withBorder p="sm">
        <Stack gap={6}>
          <Group gap="xs" justify="space-between">
            <Badge variant="light" color={assessmentStatusColor[a.status]}>
              {t(`assessmentStatus.${a.status}`)}
            </Badge>
            <Text size="sm" c={a.overdue ? 'red.8' : 'dimmed'}>
              {a.overdue ? `${t('assessment.overdue')} · ` : ''}
              {t('assessment.due', { date: formatDay(a.due_date, lang) })} · {formatDueIn(a.due_date, lang)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('assessment.from', { name: a.sent_by_name })}
          </Text>
          {a.message && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.message}
            </Text>
          )}
          <Text size="sm" fw={600} role="status">
            {t('assessment.progress', { answered, total: a.total })}
          </Text>
        </Stack>
      </Paper>
      {a.status === 'returned' && (
        <Alert color="orange" title={t('assessment.returnedIntro', { count: returned })}>
          {a.review_comment && t('assessment.reviewComment', { comment: a.review_comment })}
        </Alert>
      )}
      {a.status === 'submitted' && <Alert color="gray">{t('assessment.waiting')}</Alert>}
      {a.status === 'accepted' && <Alert color="green">{t('assessment.accepted')}</Alert>}
      {a.sections.map((s) => (
        <Stack key={s.id} gap="sm" component="section" aria-labelledby={`section-${s.id}`}>
          <Title order={2} size="h4" id={`section-${s.id}`}>
            {s.number}. {s.title}
          </Title>
          {s.items.map((it) => (
            <ItemCard
              key={it.id}
              item={it}
              draft={drafts[it.id]!}
              files={files}
              disabled={!editable(it)}
              error={itemError(it.id)}
              attaching={attach.isPending && attach.variables?.itemId === it.id}
              onChange={(patch) => change(it.id, patch)}
              onAttach={(file) => attach.mutate({ itemId: it.id, file })}
            />
          ))}
        </Stack>
      ))}
      {attach.error && (
        <Text size="sm" c="red.8" role="alert">
          {attach.error.message}
        </Text>
      )}
      {conflict && (
        <Alert color="red" role="alert">
          <Stack gap="xs">
            <Text size="sm">{t('assessment.conflict')}</Text>
            <Button size="xs" variant="default" loading={reload.isPending} onClick={() => reload.mutate()}>
              {t('assessment.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {failed && !conflict && (
        <Alert color="red" role="alert">
          {failed.message} {fieldErrors.field('items') ?? ''} {fieldErrors.field('returned') ?? ''} {fieldErrors.field('status') ?? ''}
        </Alert>
      )}
      {notice && (
        <Alert color="green" role="status">
          {notice === 'saved' ? t('assessment.saved') : t('assessment.submitted')}
          {notice === 'submitted' && lastReceipt && <> {t('receipt.keep', { sequence: lastReceipt.sequence })}</>}
        </Alert>
      )}
      {canEdit && (
        <Group grow>
          <Button variant="default" disabled={dirty.length === 0} loading={save.isPending} onClick={() => save.mutate()}>
            {t('assessment.save')}
          </Button>
          <Button loading={submit.isPending} onClick={() => submit.mutate()}>
            {t('assessment.submit')}
          </Button>
        </Group>
      )}
      {dirty.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('assessment.unsaved')}
        </Text>
      )}
      <Receipts receipts={a.receipts.map((r) => ({ sequence: r.sequence, hash: r.hash, what: t('receipt.submission', { n: r.submission }) }))} />
    </Stack>
  );
}

function ItemCard({
  item,
  draft,
  files,
  disabled,
  error,
  attaching,
  onChange,
  onAttach,
}: {
  item: SelfAssessmentItem;
  draft: AssessmentAnswerInput;
  files: Attachment[];
  disabled: boolean;
  error: string | undefined;
  attaching: boolean;
  onChange: (patch: Partial<AssessmentAnswerInput>) => void;
  onAttach: (file: File) => void;
}) {
  const { t } = useTranslation();
  const label = `${item.number} ${item.question}`;
  const naOption = item.na_allowed ? [{ value: 'na', label: t('assessment.na') }] : [];
  const evidence = (draft.attachment_ids ?? []).map((id) => files.find((f) => f.id === id)).filter((f): f is Attachment => !!f);
  let input;
  if (item.answer_type === 'text') {
    input = (
      <Textarea
        label={label}
        autosize
        minRows={2}
        disabled={disabled}
        value={draft.text ?? ''}
        onChange={(e) => onChange({ text: e.currentTarget.value, not_applicable: false })}
        error={error}
      />
    );
  } else {
    const choices =
      item.answer_type === 'yes_no'
        ? [
            { value: 'yes', label: t('assessment.yes') },
            { value: 'no', label: t('assessment.no') },
          ]
        : ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }));
    const value = draft.not_applicable ? 'na' : item.answer_type === 'yes_no' ? draft.answer || null : draft.rating != null ? String(draft.rating) : null;
    input = (
      <Radio.Group
        label={label}
        value={value}
        error={error}
        onChange={(v) => {
          if (v === 'na') onChange({ not_applicable: true, answer: '', rating: null });
          else if (item.answer_type === 'yes_no') onChange({ answer: v as 'yes' | 'no', not_applicable: false });
          else onChange({ rating: Number(v), not_applicable: false });
        }}
      >
        <Group gap="md" mt={6}>
          {[...choices, ...naOption].map((c) => (
            <Radio key={c.value} value={c.value} label={c.label} disabled={disabled} />
          ))}
        </Group>
      </Radio.Group>
    );
  }
  return (
    <Card withBorder padding="sm" component="article" aria-label={label}>
      <Stack gap="xs">
        {item.answer?.return_comment && (
          <Alert color="orange" p="xs">
            {t('assessment.returnedItem', { comment: item.answer.return_comment })}
          </Alert>
        )}
        {input}
        {(item.guidance || item.requirement) && (
          <Text size="xs" c="dimmed">
            {[item.requirement, item.guidance].filter(Boolean).join(' · ')}
          </Text>
        )}
        <Textarea
          label={t('assessment.note', { number: item.number })}
          autosize
          minRows={1}
          disabled={disabled}
          value={draft.note ?? ''}
          onChange={(e) => onChange({ note: e.currentTarget.value })}
        />
        {evidence.length > 0 && (
          <Stack gap={2} aria-label={t('assessment.evidence')}>
            {evidence.map((f) => (
              <Group key={f.id} gap={4} wrap="nowrap">
                <Anchor href={supplierAssessmentsApi.fileURL(f.id)} size="sm">
                  {f.file_name}
                </Anchor>
                {!disabled && (
                  <CloseButton
                    size="sm"
                    aria-label={t('assessment.remove', { name: f.file_name })}
                    onClick={() => onChange({ attachment_ids: (draft.attachment_ids ?? []).filter((id) => id !== f.id) })}
                  />
                )}
              </Group>
            ))}
          </Stack>
        )}
        {!disabled && (
          <FileButton onChange={(f) => f && onAttach(f)}>
            {(props) => (
              <Button {...props} size="xs" variant="default" loading={attaching}>
                {t('assessment.attach', { number: item.number })}
              </Button>
            )}
          </FileButton>
        )}
      </Stack>
    </Card>
  );
}
