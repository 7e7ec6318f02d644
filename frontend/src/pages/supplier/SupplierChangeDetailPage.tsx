import { Alert, Anchor, Badge, Button, Card, FileButton, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { refreshAfter, supplierApi, uploadFile, type ChangeNotification, type ChangeStatus } from '../../api';
import { formatDay } from '../../i18n';

export const changeStatusColor: Record<ChangeStatus, string> = {
  pending: 'orange',
  approved: 'green',
  approved_with_conditions: 'green',
  rejected: 'red',
};

/** /supplier/changes/:id: one of the supplier's changes, its decision and its files. */
export default function SupplierChangeDetailPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const change = useQuery({ queryKey: ['supplier', 'change', id], queryFn: ({ signal }) => supplierApi.change(id, signal) });
  const back = (
    <Anchor component={Link} to="/supplier" size="sm">
      {t('change.back')}
    </Anchor>
  );
  if (change.isPending) return <Loader aria-label={t('loading')} />;
  if (change.isError) {
    return (
      <Stack gap="md">
        {back}
        <Alert color="red" title={t('loadFailed')}>
          {change.error.message}
        </Alert>
      </Stack>
    );
  }
  const c = change.data;
  const lang = i18n.language;
  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={1} size="h2">
          {c.title}
        </Title>
        <Badge variant="light" color={changeStatusColor[c.status]}>
          {t(`changeStatus.${c.status}`)}
        </Badge>
      </Group>
      <Card withBorder padding="sm">
        <Text size="sm">
          {t('change.kind')}: {t(`changeKind.${c.kind}`)}
        </Text>
        <Text size="sm">
          {t('change.sites')}: {c.sites.map((s) => `${s.code} · ${s.name}`).join(', ')}
        </Text>
        {c.planned_date && <Text size="sm">{t('change.planned', { date: formatDay(c.planned_date, lang) })}</Text>}
        {c.description && (
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {c.description}
          </Text>
        )}
      </Card>
      <Decision c={c} lang={lang} />
      <ChangeFiles change={c} />
    </Stack>
  );
}

function Decision({ c, lang }: { c: ChangeNotification; lang: string }) {
  const { t } = useTranslation();
  if (c.status === 'pending') {
    return (
      <Text size="sm" c="dimmed">
        {t('change.pending')}
      </Text>
    );
  }
  return (
    <Alert color={changeStatusColor[c.status]} title={t(`changeStatus.${c.status}`)}>
      <Stack gap={4}>
        {c.decided_at && <Text size="sm">{t('change.decided', { date: formatDay(c.decided_at.slice(0, 10), lang) })}</Text>}
        {c.conditions && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('change.conditions', { conditions: c.conditions })}
          </Text>
        )}
        {c.decision_reason && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('change.reason', { reason: c.decision_reason })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** A change's files, with "Attach a file" while the change is pending. */
export function ChangeFiles({ change }: { change: Pick<ChangeNotification, 'id' | 'status'> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const files = useQuery({ queryKey: ['supplier', 'change-files', change.id], queryFn: ({ signal }) => supplierApi.changeFiles(change.id, signal) });
  const attach = useMutation({
    mutationFn: (file: File) => uploadFile(supplierApi.changeFileUploadPath(change.id), file),
    onSuccess: () => refreshAfter(queryClient, 'change-notification'),
  });
  const pending = change.status === 'pending';
  return (
    <Stack gap="xs" component="section" aria-labelledby={`change-files-${change.id}`}>
      <Title order={2} size="h4" id={`change-files-${change.id}`}>
        {t('change.files')}
      </Title>
      <Text size="sm" c="dimmed">
        {pending ? t('change.filesIntro') : t('change.filesFinal')}
      </Text>
      {files.data?.items.length === 0 && <Text size="sm">{t('change.noFiles')}</Text>}
      {files.data?.items.map((f) => (
        <Anchor key={f.id} href={supplierApi.changeFileURL(f.id)} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {f.file_name}
        </Anchor>
      ))}
      {files.isError && (
        <Text size="sm" c="red.8" role="alert">
          {files.error.message}
        </Text>
      )}
      {pending && (
        <FileButton onChange={(f) => f && attach.mutate(f)}>
          {(props) => (
            <Button {...props} variant="default" loading={attach.isPending} fullWidth>
              {t('change.attach')}
            </Button>
          )}
        </FileButton>
      )}
      {attach.error && (
        <Text size="sm" c="red.8" role="alert">
          {attach.error.message}
        </Text>
      )}
    </Stack>
  );
}
