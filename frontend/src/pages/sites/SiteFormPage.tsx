import { CountrySelect } from '../../components/CountrySelect';
import { Paper, Select, SimpleGrid, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { AFTER_SAVE, LeaveGuard } from '../../components/UnsavedChanges';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { RISK_TIERS, SITE_PROCESSES, sitesApi, type RiskTier, type Site, type SiteInput, refreshAfter, queryKeys } from '../../api';
import { changedFields } from '../../components/changedFields';
import { FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { RecordState } from '../../components/QueryState';
import { fromLabel, label, options } from '../../format/labels';
import { useManufacturerOptions } from '../../components/manufacturerOptions';

const FIELDS = [
  'manufacturer_id',
  'code',
  'name',
  'address',
  'city',
  'country',
  'processes',
  'approved_scope',
  'risk_tier',
  'contact_name',
  'contact_email',
  'contact_phone',
  'notes',
] as const;

function fromRecord(s: Site): SiteInput {
  return {
    manufacturer_id: s.manufacturer_id,
    code: s.code,
    name: s.name,
    address: s.address,
    city: s.city,
    country: s.country,
    processes: s.processes ?? [],
    approved_scope: s.approved_scope,
    risk_tier: s.risk_tier,
    contact_name: s.contact_name,
    contact_email: s.contact_email,
    contact_phone: s.contact_phone,
    notes: s.notes,
  };
}

export default function SiteFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const record = useQuery({ queryKey: queryKeys.site(Number(id)), queryFn: ({ signal }) => sitesApi.get(Number(id), signal), enabled: editing });
  const title = editing ? `Edit ${record.data?.code ?? 'site'}` : 'New site';
  const crumbs = [
    { label: 'Dashboard', to: '/' },
    { label: 'Sites', to: '/sites' },
    ...(editing && record.data ? [{ label: record.data.code, to: `/sites/${id}` }] : []),
    { label: editing ? 'Edit' : 'New' },
  ];
  if (editing && !record.data) return <RecordState title={title} breadcrumbs={crumbs} error={record.error} onRetry={() => void record.refetch()} />;
  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      <SiteForm record={record.data} onReload={() => void record.refetch()} key={record.data?.version ?? 'new'} />
    </>
  );
}

function SiteForm({ record, onReload }: { record?: Site; onReload: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const manufacturers = useManufacturerOptions();
  const [initial] = useState<SiteInput>(() =>
    record
      ? fromRecord(record)
      : {
          manufacturer_id: Number(params.get('manufacturer_id')) || 0,
          code: '',
          name: '',
          address: '',
          city: '',
          country: '',
          processes: [],
          approved_scope: '',
          risk_tier: 'medium',
          contact_name: '',
          contact_email: '',
          contact_phone: '',
          notes: '',
        },
  );
  const [form, setForm] = useState<SiteInput>(initial);

  const save = useMutation({
    mutationFn: (input: SiteInput) =>
      record ? sitesApi.update(record.id, { ...changedFields(fromRecord(record), input), version: record.version }) : sitesApi.create(input),
    onSuccess: async (saved) => {
      await refreshAfter(queryClient, 'site');
      queryClient.setQueryData(queryKeys.site(saved.id), saved);
      await navigate(`/sites/${saved.id}`, AFTER_SAVE);
    },
  });
  const err = serverErrors(save.error, FIELDS);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial) && !save.isPending && !save.isSuccess;
  const text = (name: keyof SiteInput) => ({
    value: form[name] as string,
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
    },
    error: err.field(name),
  });
  const submit = () => {
    save.mutate({ ...form, country: form.country.trim().toUpperCase(), code: form.code.trim() });
  };

  return (
    <Paper withBorder p="lg" maw={900}>
      <LeaveGuard dirty={dirty} />
      <ServerForm label={record ? 'Edit site' : 'New site'} onSubmit={submit} error={save.error} shownFields={FIELDS} onReload={onReload}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Manufacturer"
            required
            searchable
            data={manufacturers}
            value={form.manufacturer_id ? String(form.manufacturer_id) : null}
            onChange={(v) => setForm((f) => ({ ...f, manufacturer_id: Number(v) || 0 }))}
            error={err.field('manufacturer_id')}
            nothingFoundMessage="No manufacturer; create it first"
          />
          <TextInput label="Site code" required description="Unique, e.g. ACME-SZ1" {...text('code')} />
          <TextInput label="Site name" required {...text('name')} />
          <Select
            label="Risk tier"
            required
            data={options(RISK_TIERS)}
            value={form.risk_tier}
            onChange={(v) => setForm((f) => ({ ...f, risk_tier: (v as RiskTier) ?? 'medium' }))}
            error={err.field('risk_tier')}
            description="Sets how often the site is inspected"
            allowDeselect={false}
          />
          <TextInput label="Address" {...text('address')} />
          <TextInput label="City" {...text('city')} />
          <CountrySelect
            label="Country"
            required
            description="Type its name"
            value={form.country}
            onChange={(country) => setForm((f) => ({ ...f, country }))}
            error={err.field('country')}
          />
          <TagsInput
            label="Processes"
            description="Pick or type, then Enter"
            data={SITE_PROCESSES.map(label)}
            value={(form.processes ?? []).map(label)}
            onChange={(v) => setForm((f) => ({ ...f, processes: v.map((p) => fromLabel(p, SITE_PROCESSES)) }))}
            error={err.field('processes')}
            clearable
          />
        </SimpleGrid>
        <Textarea label="Approved scope" description="What the site is approved to do" autosize minRows={2} {...text('approved_scope')} />
        <Title order={2} size="h5" mt="xs">
          Contact
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Contact name" {...text('contact_name')} />
          <TextInput label="Contact e-mail" type="email" {...text('contact_email')} />
          <TextInput label="Contact phone" type="tel" {...text('contact_phone')} />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={2} {...text('notes')} />
        <FormButtons submit={record ? 'Save changes' : 'Create site'} pending={save.isPending} cancelTo={record ? `/sites/${record.id}` : '/sites'} />
      </ServerForm>
    </Paper>
  );
}
