import { CountrySelect } from '../../components/CountrySelect';
import { Paper, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { AFTER_SAVE, LeaveGuard } from '../../components/UnsavedChanges';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { manufacturersApi, type Manufacturer, type ManufacturerInput, refreshAfter, queryKeys } from '../../api';
import { FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { RecordState } from '../../components/QueryState';
import { changedFields } from '../../components/changedFields';

/** The form holds every field, empty until typed. */
type ManufacturerFields = Required<ManufacturerInput>;

const EMPTY: ManufacturerFields = { name: '', legal_name: '', country: '', website: '', notes: '' };
const FIELDS = ['name', 'legal_name', 'country', 'website', 'notes'] as const;

function fromRecord(m: Manufacturer): ManufacturerFields {
  return { name: m.name, legal_name: m.legal_name, country: m.country, website: m.website, notes: m.notes };
}

export default function ManufacturerFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const record = useQuery({
    queryKey: queryKeys.manufacturer(Number(id)),
    queryFn: ({ signal }) => manufacturersApi.get(Number(id), signal),
    enabled: editing,
  });
  const title = editing ? `Edit ${record.data?.name ?? 'manufacturer'}` : 'New manufacturer';
  const crumbs = [
    { label: 'Dashboard', to: '/' },
    { label: 'Manufacturers', to: '/manufacturers' },
    ...(editing && record.data ? [{ label: record.data.name, to: `/manufacturers/${id}` }] : []),
    { label: editing ? 'Edit' : 'New' },
  ];
  if (editing && !record.data) return <RecordState title={title} breadcrumbs={crumbs} error={record.error} onRetry={() => void record.refetch()} />;
  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      <ManufacturerForm record={record.data} onReload={() => void record.refetch()} key={record.data?.version ?? 'new'} />
    </>
  );
}

function ManufacturerForm({ record, onReload }: { record?: Manufacturer; onReload: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ManufacturerFields>(record ? fromRecord(record) : EMPTY);
  useEffect(() => {
    if (record) setForm(fromRecord(record));
  }, [record]);

  const save = useMutation({
    mutationFn: (input: ManufacturerFields) =>
      record
        ? manufacturersApi.update(record.id, { ...changedFields(fromRecord(record), input), version: record.version })
        : manufacturersApi.create(input),
    onSuccess: async (saved) => {
      await refreshAfter(queryClient, 'manufacturer');
      queryClient.setQueryData(['manufacturer', saved.id], saved);
      await navigate(`/manufacturers/${saved.id}`, AFTER_SAVE);
    },
  });
  const err = serverErrors(save.error, FIELDS);
  const dirty = JSON.stringify(form) !== JSON.stringify(record ? fromRecord(record) : EMPTY) && !save.isPending && !save.isSuccess;
  const set = (name: keyof ManufacturerInput) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [name]: value }));
  };
  const submit = () => {
    save.mutate({ ...form, country: form.country.trim().toUpperCase() });
  };

  return (
    <Paper withBorder p="lg" maw={760}>
      <LeaveGuard dirty={dirty} />
      <ServerForm label={record ? 'Edit manufacturer' : 'New manufacturer'} onSubmit={submit} error={save.error} shownFields={FIELDS} onReload={onReload}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required value={form.name} onChange={set('name')} error={err.field('name')} description="As people call it, e.g. Acme Electronics" />
          <TextInput label="Legal name" value={form.legal_name} onChange={set('legal_name')} error={err.field('legal_name')} description="As on contracts" />
          <CountrySelect
            label="Country"
            required
            value={form.country}
            onChange={(country) => setForm((f) => ({ ...f, country }))}
            error={err.field('country')}
            description="Of the head office; type its name"
          />
          <TextInput label="Website" value={form.website} onChange={set('website')} error={err.field('website')} placeholder="https://" />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={3} value={form.notes} onChange={set('notes')} error={err.field('notes')} />
        <FormButtons submit={record ? 'Save changes' : 'Create manufacturer'} pending={save.isPending} cancelTo={record ? `/manufacturers/${record.id}` : '/manufacturers'} />
      </ServerForm>
    </Paper>
  );
}
