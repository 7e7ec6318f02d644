import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { FormModal } from '../../components/UnsavedChanges';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FINDING_CATEGORIES, SEVERITIES, findingsApi, type Finding, type FindingCategory, type FindingInput, type Severity, refreshAfter, queryKeys } from '../../api';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { FindingStatusBadge, SeverityBadge } from '../../components/badges';
import { changedFields } from '../../components/changedFields';
import { DueDate } from '../../components/DueDate';
import { DateField, Field, FormButtons, FormError, serverErrors, ServerForm } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatTimestamp } from '../../format/dates';
import { label, options } from '../../format/labels';
import { CloseFindingModal } from './FindingForms';
import { SignatureLine } from '../../components/Signature';
import { CorrectiveActionPanel } from './CorrectiveActionPanel';

export default function FindingPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [editing, setEditing] = useState(false);
  const record = useQuery({ queryKey: queryKeys.finding(id), queryFn: ({ signal }) => findingsApi.get(id, signal) });
  const setStatus = useMutation({
    mutationFn: (status: 'open' | 'in_progress') => findingsApi.update(id, { version: record.data!.version, status }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.finding(id), saved);
      await refreshAfter(queryClient, 'finding');
    },
  });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Findings', to: '/findings' }];
  const f = record.data;
  if (!f) return <RecordState title="Finding" breadcrumbs={[...crumbs, { label: 'Finding' }]} error={record.error} onRetry={() => void record.refetch()} />;

  return (
    <>
      <PageHeader
        title={`${label(f.severity)} finding at ${f.site_code}`}
        breadcrumbs={[...crumbs, { label: `Finding ${f.id}` }]}
        description={
          <Group gap="xs" component="span">
            <SeverityBadge severity={f.severity} size="lg" />
            <FindingStatusBadge status={f.status} size="lg" />
            {f.overdue && (
              <Text span c="red.8" fw={600} size="sm">
                Overdue
              </Text>
            )}
          </Group>
        }
        actions={
          can.edit && (
            <>
              {f.status !== 'closed' && (
                <Button variant="default" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              {f.status === 'open' && (
                <Button variant="default" loading={setStatus.isPending} onClick={() => setStatus.mutate('in_progress')}>
                  Mark in progress
                </Button>
              )}
              {f.status === 'closed' && (
                <Button variant="default" loading={setStatus.isPending} onClick={() => setStatus.mutate('open')}>
                  Reopen
                </Button>
              )}
              {f.status !== 'closed' && (
                <Button color="green" onClick={() => setClosing(true)}>
                  Close finding
                </Button>
              )}
            </>
          )
        }
      />
      <Stack gap="lg">
        <FormError error={setStatus.error} onReload={() => void record.refetch()} />
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label="Site">
              <Anchor component={Link} to={`/sites/${f.site_id}`} size="sm">
                {f.site_code} · {f.site_name}
              </Anchor>
            </Field>
            <Field label="Inspection">
              <Anchor component={Link} to={`/inspections/${f.inspection_id}`} size="sm">
                Open the inspection
              </Anchor>
            </Field>
            <Field label="Category">{label(f.category)}</Field>
            <Field label="Requirement">{f.requirement}</Field>
            <Field label="Owner">{f.owner}</Field>
            <Field label="Due">
              <DueDate date={f.due_date} done={f.status === 'closed'} />
            </Field>
            <Field label="Verified by">{f.verified_by_name && `${f.verified_by_name}, ${formatTimestamp(f.verified_at)}`}</Field>
          </SimpleGrid>
          <Stack gap="md" mt="md">
            <Field label="Description">
              {f.description}
            </Field>
            <Field label="Corrective action">
              {f.corrective_action}
            </Field>
            <Field label="Verification note">
              {f.verification_note}
            </Field>
            {f.signature && (
              <Field label="Signature">
                <SignatureLine signature={f.signature} />
              </Field>
            )}
          </Stack>
        </Paper>
        <CorrectiveActionPanel finding={f} />
        <Stack gap="xs">
          <Title order={2} size="h4">
            Attachments
          </Title>
          <AttachmentsPanel owner="finding" ownerId={id} />
        </Stack>
      </Stack>
      <CloseFindingModal finding={f} opened={closing} onClose={() => setClosing(false)} onReload={() => void record.refetch()} />
      <FormModal opened={editing} onClose={() => setEditing(false)} title="Edit the finding" size="lg" centered>
        {editing && <EditFinding finding={f} onClose={() => setEditing(false)} onReload={() => void record.refetch()} />}
      </FormModal>
    </>
  );
}

const FIELDS = ['severity', 'category', 'requirement', 'description', 'corrective_action', 'owner', 'due_date'] as const;

function fromRecord(f: Finding): FindingInput {
  return { severity: f.severity, category: f.category, requirement: f.requirement, description: f.description, corrective_action: f.corrective_action, owner: f.owner, due_date: f.due_date };
}

function EditFinding({ finding, onClose, onReload }: { finding: Finding; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FindingInput>(fromRecord(finding));
  const save = useMutation({
    mutationFn: () => findingsApi.update(finding.id, { ...changedFields(fromRecord(finding), form), version: finding.version }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.finding(saved.id), saved);
      await refreshAfter(queryClient, 'finding');
      onClose();
    },
  });
  const err = serverErrors(save.error, FIELDS);
  const set = <K extends keyof FindingInput>(k: K, v: FindingInput[K]) => setForm((x) => ({ ...x, [k]: v }));
  return (
    <ServerForm
      label="Edit the finding"
      onSubmit={() => save.mutate()}
      gap="sm"
      error={save.error}
      shownFields={FIELDS}
      onReload={() => {
        onReload();
        onClose();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label="Severity" required data={options(SEVERITIES)} value={form.severity} onChange={(v) => set('severity', (v as Severity) ?? form.severity)} allowDeselect={false} error={err.field('severity')} />
        <Select label="Category" required data={options(FINDING_CATEGORIES)} value={form.category} onChange={(v) => set('category', (v as FindingCategory) ?? form.category)} allowDeselect={false} error={err.field('category')} />
        <TextInput label="Requirement" value={form.requirement} onChange={(e) => set('requirement', e.currentTarget.value)} error={err.field('requirement')} />
        <TextInput label="Owner" value={form.owner} onChange={(e) => set('owner', e.currentTarget.value)} error={err.field('owner')} />
        <DateField label="Due date" value={form.due_date ?? ''} onChange={(v) => set('due_date', v || null)} error={err.field('due_date')} />
      </SimpleGrid>
      <Textarea label="Description" required autosize minRows={2} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} error={err.field('description')} />
      <Textarea label="Corrective action" autosize minRows={2} value={form.corrective_action} onChange={(e) => set('corrective_action', e.currentTarget.value)} error={err.field('corrective_action')} />
      <FormButtons submit="Save changes" pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}
