import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CHANGE_KINDS, refreshAfter, supplierApi, type ChangeKind } from '../../api';
import { DateField, ServerForm, serverErrors } from '../../components/forms';
import { ChangeFiles } from './SupplierChangeDetailPage';

const FIELDS = ['kind', 'title', 'description', 'planned_date', 'site_ids'] as const;

/** /supplier/changes/new: the supplier notifies its customer of a change before making it. */
export default function SupplierChangePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const home = useQuery({ queryKey: ['supplier', 'home'], queryFn: ({ signal }) => supplierApi.home(signal) });
  const [kind, setKind] = useState<ChangeKind | ''>('');
  const [sites, setSites] = useState<number[]>([]);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [planned, setPlanned] = useState('');
  const send = useMutation({
    mutationFn: () => supplierApi.notifyChange({ kind, title, description, planned_date: planned || null, site_ids: sites }),
    onSuccess: () => refreshAfter(queryClient, 'change-notification'),
  });
  const err = serverErrors(send.error, FIELDS);
  const back = (
    <Anchor component={Link} to="/supplier" size="sm">
      {t('notifyChange.back')}
    </Anchor>
  );
  if (send.isSuccess) {
    return (
      <Stack gap="md">
        <Alert color="green" role="status" title={send.data.title}>
          {t('notifyChange.sent')}
        </Alert>
        <ChangeFiles change={send.data} />
        {back}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {back}
      <Title order={1} size="h2">
        {t('notifyChange.title')}
      </Title>
      <Text size="sm">{t('notifyChange.intro')}</Text>
      <ServerForm label={t('notifyChange.title')} onSubmit={() => send.mutate()} error={send.error} shownFields={FIELDS}>
        <Select
          label={t('notifyChange.kind')}
          required
          data={CHANGE_KINDS.map((k) => ({ value: k, label: t(`changeKind.${k}`) }))}
          value={kind || null}
          onChange={(v) => setKind((v as ChangeKind | null) ?? '')}
          error={err.field('kind')}
        />
        <Checkbox.Group label={t('notifyChange.sites')} required value={sites.map(String)} onChange={(v) => setSites(v.map(Number))} error={err.field('site_ids')}>
          <Stack gap={6} mt={4}>
            {(home.data?.sites ?? []).map((s) => (
              <Checkbox key={s.id} value={String(s.id)} label={`${s.code} · ${s.name}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput label={t('notifyChange.titleField')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err.field('title')} />
        <Textarea label={t('notifyChange.description')} autosize minRows={4} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={err.field('description')} />
        <DateField label={t('notifyChange.planned')} value={planned} onChange={setPlanned} error={err.field('planned_date')} />
        <Group>
          <Button type="submit" loading={send.isPending} fullWidth>
            {t('notifyChange.submit')}
          </Button>
        </Group>
      </ServerForm>
    </Stack>
  );
}
