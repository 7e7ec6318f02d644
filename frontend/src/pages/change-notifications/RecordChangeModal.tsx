import { Button, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CHANGE_KIND_LABELS, CHANGE_KINDS, changeNotificationsApi, refreshAfter, sitesApi, type ChangeKind } from '../../api';
import { DateField, ServerForm, serverErrors } from '../../components/forms';
import { useManufacturerOptions } from '../../components/manufacturerOptions';
import { FormModal } from '../../components/UnsavedChanges';

const FIELDS = ['manufacturer_id', 'kind', 'title', 'description', 'planned_date', 'site_ids'] as const;

/** Procurement records a change the manufacturer told by other means (an e-mail, a call), on its behalf. */
export function RecordChangeModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Record a change notification" size="lg" centered>
      {opened && <RecordChangeForm onClose={onClose} />}
    </FormModal>
  );
}

function RecordChangeForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [maker, setMaker] = useState<string | null>(null);
  const [sites, setSites] = useState<string[]>([]);
  const [kind, setKind] = useState<ChangeKind | ''>('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [planned, setPlanned] = useState('');
  const manufacturers = useManufacturerOptions();
  const makerSites = useQuery({
    queryKey: ['sites', { manufacturer_id: maker, options: true }],
    queryFn: ({ signal }) => sitesApi.list({ manufacturer_id: Number(maker), page_size: 200, sort: 'code' }, signal),
    enabled: maker !== null,
  });
  const save = useMutation({
    mutationFn: () =>
      changeNotificationsApi.create({
        manufacturer_id: Number(maker ?? 0),
        kind,
        title,
        description,
        planned_date: planned || null,
        site_ids: sites.map(Number),
      }),
    onSuccess: async (saved) => {
      await refreshAfter(queryClient, 'change-notification');
      onClose();
      await navigate(`/change-notifications/${saved.id}`);
    },
  });
  const err = serverErrors(save.error, FIELDS);
  return (
    <ServerForm label="Record a change notification" onSubmit={() => save.mutate()} error={save.error} shownFields={FIELDS}>
      <Select
        label="Manufacturer"
        required
        searchable
        data={manufacturers}
        value={maker}
        onChange={(v) => {
          setMaker(v);
          setSites([]);
        }}
        error={err.field('manufacturer_id')}
      />
      <MultiSelect
        label="Sites"
        required
        disabled={maker === null}
        placeholder={maker === null ? 'Choose the manufacturer first' : 'The sites the change concerns'}
        data={(makerSites.data?.items ?? []).map((s) => ({ value: String(s.id), label: `${s.code} · ${s.name}` }))}
        value={sites}
        onChange={setSites}
        error={err.field('site_ids')}
      />
      <Select
        label="What changes"
        required
        data={CHANGE_KINDS.map((k) => ({ value: k, label: CHANGE_KIND_LABELS[k] }))}
        value={kind || null}
        onChange={(v) => setKind((v as ChangeKind | null) ?? '')}
        error={err.field('kind')}
      />
      <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err.field('title')} />
      <Textarea label="Description" autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={err.field('description')} />
      <DateField label="Planned for" value={planned} onChange={setPlanned} error={err.field('planned_date')} />
      <Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Record the change
          </Button>
        </Group>
      </Stack>
    </ServerForm>
  );
}
