import { Alert, Anchor, Badge, Button, Card, FileButton, Group, Loader, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  ROOT_CAUSE_METHODS,
  SUPPLIER_STAGES,
  supplierApi,
  uploadFile,
  type CAStage,
  type CorrectiveActionReceipt,
  type CorrectiveActionStage,
  type RootCauseMethod,
  type SupplierCorrectiveAction,
  refreshAfter,
} from '../../api';
import { serverErrors } from '../../components/forms';
import { Receipts } from '../../components/Receipts';
import { formatDay } from '../../i18n';

/** One request: its stages, the answer the supplier is writing, its receipts. */
export default function SupplierRequestPage() {
  const id = Number(useParams().id);
  const { t } = useTranslation();
  const request = useQuery({ queryKey: ['supplier', 'request', id], queryFn: ({ signal }) => supplierApi.request(id, signal) });
  if (request.isPending) return <Loader aria-label={t('loading')} />;
  if (request.isError) {
    return (
      <Alert color="red" title={t('loadFailed')}>
        {request.error.message}
      </Alert>
    );
  }
  return <RequestView ca={request.data} />;
}

function RequestView({ ca }: { ca: SupplierCorrectiveAction }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // The stage the supplier answers now: the first one open or returned.
  const current = ca.status === 'open' ? ca.stages.find((s) => SUPPLIER_STAGES.includes(s.stage) && (s.status === 'open' || s.status === 'returned')) : undefined;
  // The receipt of the answer just submitted, shown until the page is left.
  const [receipt, setReceipt] = useState<CorrectiveActionReceipt | null>(null);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/supplier" size="sm">
        {t('request.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('request.title', { id: ca.id, site: ca.site_code })}
      </Title>
      <Paper withBorder p="sm">
        <Stack gap={6}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {t('request.finding')}
            </Text>
            <Badge variant="light" color={ca.finding_severity === 'critical' ? 'red' : 'orange'}>
              {t(`severity.${ca.finding_severity}`)}
            </Badge>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {ca.finding_description}
          </Text>
          {ca.request && (
            <>
              <Text fw={600} size="sm">
                {t('request.asked')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {ca.request}
              </Text>
            </>
          )}
          {ca.rework_count > 0 && (
            <Text size="sm" c="dimmed">
              {t('request.rework', { count: ca.rework_count })}
            </Text>
          )}
        </Stack>
      </Paper>
      {ca.status === 'closed' && (
        <Alert color="green" title={t('request.closed', { method: ca.verification_method.replace(/_/g, ' ') })}>
          {ca.verification_note}
        </Alert>
      )}
      <Title order={2} size="h4">
        {t('request.stages')}
      </Title>
      {receipt && (
        <Alert color="green" role="status">
          {t('receipt.submitted', { sequence: receipt.sequence })}
        </Alert>
      )}
      {ca.stages
        .filter((s) => SUPPLIER_STAGES.includes(s.stage))
        .map((s) => (
          <StageCard key={s.stage} ca={ca} stage={s} lang={lang} answering={current?.stage === s.stage} onSubmitted={setReceipt} />
        ))}
      <Receipts receipts={ca.receipts.map((r) => ({ sequence: r.sequence, hash: r.hash, what: r.stage.toUpperCase() }))} />
    </Stack>
  );
}

const statusColor = { open: 'blue', submitted: 'gray', returned: 'orange', accepted: 'green' } as const;

function StageCard({
  ca,
  stage,
  lang,
  answering,
  onSubmitted,
}: {
  ca: SupplierCorrectiveAction;
  stage: CorrectiveActionStage;
  lang: string;
  answering: boolean;
  onSubmitted: (r: CorrectiveActionReceipt) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="section" aria-label={t(`stage.${stage.stage}`)}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600}>{t(`stage.${stage.stage}`)}</Text>
        <Badge variant="light" color={statusColor[stage.status]}>
          {t(`stageStatus.${stage.status}`)}
        </Badge>
      </Group>
      {stage.due_date && stage.status !== 'accepted' && (
        <Text size="sm" c={stage.overdue ? 'red.8' : 'dimmed'}>
          {stage.overdue ? `${t('request.overdue')} · ` : ''}
          {t('request.due', { date: formatDay(stage.due_date, lang) })}
        </Text>
      )}
      {stage.status === 'returned' && (
        <Alert color="orange" mt="xs" p="xs">
          {t('request.returned', { reason: stage.return_reason })}
        </Alert>
      )}
      {stage.text && !answering && (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {stage.text}
          {stage.detail ? `\n${stage.detail}` : ''}
        </Text>
      )}
      {stage.status === 'submitted' && (
        <Text size="sm" c="dimmed" mt={4}>
          {t('request.waiting')}
        </Text>
      )}
      {stage.files.length > 0 && (
        <Stack gap={2} mt="xs">
          {stage.files.map((f) => (
            <Anchor key={f.id} href={supplierApi.fileURL(f.id)} size="sm">
              {f.file_name}
            </Anchor>
          ))}
        </Stack>
      )}
      {answering && <AnswerForm ca={ca} stage={stage} onSubmitted={onSubmitted} />}
    </Card>
  );
}

function AnswerForm({ ca, stage, onSubmitted }: { ca: SupplierCorrectiveAction; stage: CorrectiveActionStage; onSubmitted: (r: CorrectiveActionReceipt) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(stage.text);
  const [detail, setDetail] = useState(stage.detail);
  const [method, setMethod] = useState<RootCauseMethod | null>(stage.method || null);
  const refresh = () => refreshAfter(queryClient, 'corrective-action');
  const attach = useMutation({
    mutationFn: (file: File) => uploadFile(supplierApi.fileUploadPath(ca.id, stage.stage), file),
    onSuccess: refresh,
  });
  const submit = useMutation({
    mutationFn: () => supplierApi.submit(ca.id, stage.stage, { text, ...(detail ? { detail } : {}), ...(method ? { method } : {}) }),
    onSuccess: async (r) => {
      onSubmitted(r);
      await refresh();
    },
  });
  const err = serverErrors(submit.error, ['text', 'detail', 'method']);
  const detailLabel: Partial<Record<CAStage, string>> = { d5: t('request.detailD5'), d7: t('request.detailD7') };
  return (
    <Stack
      gap="sm"
      mt="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <Textarea label={t('request.answer')} required autosize minRows={4} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err.field('text')} />
      {stage.stage === 'd4' && (
        <Select
          label={t('request.method')}
          required
          data={ROOT_CAUSE_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
          value={method}
          onChange={(v) => setMethod(v as RootCauseMethod | null)}
          error={err.field('method')}
        />
      )}
      {detailLabel[stage.stage] && (
        <Textarea
          label={detailLabel[stage.stage]}
          required={stage.stage === 'd5'}
          autosize
          minRows={2}
          value={detail}
          onChange={(e) => setDetail(e.currentTarget.value)}
          error={err.field('detail')}
        />
      )}
      <Group gap="xs">
        <FileButton onChange={(f) => f && attach.mutate(f)}>
          {(props) => (
            <Button {...props} variant="default" loading={attach.isPending}>
              {t('request.attach')}
            </Button>
          )}
        </FileButton>
      </Group>
      {attach.error && (
        <Text size="sm" c="red.8" role="alert">
          {attach.error.message}
        </Text>
      )}
      {submit.error && !err.field('text') && !err.field('detail') && !err.field('method') && (
        <Text size="sm" c="red.8" role="alert">
          {submit.error.message} {err.field('stage')}
        </Text>
      )}
      <Button type="submit" loading={submit.isPending}>
        {t('request.submit', { stage: t(`stage.${stage.stage}`) })}
      </Button>
    </Stack>
  );
}
