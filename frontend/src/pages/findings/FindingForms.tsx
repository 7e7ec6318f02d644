import { Paper, Select, SimpleGrid, Textarea, TextInput, Title } from '@mantine/core';
import { FormModal } from '../../components/UnsavedChanges';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FINDING_CATEGORIES, SEVERITIES, findingsApi, inspectionsApi, type Finding, type FindingCategory, type FindingInput, type Severity, refreshAfter, queryKeys } from '../../api';
import { DateField, FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { SIGNATURE_FIELDS, SignatureFields, useSignature } from '../../components/Signature';
import { options } from '../../format/labels';

const FIELDS = ['severity', 'category', 'requirement', 'description', 'corrective_action', 'owner', 'due_date'] as const;
const EMPTY: FindingInput = { severity: 'minor', category: 'quality', requirement: '', description: '', corrective_action: '', owner: '', due_date: null };

/** The inline "add a finding" form on an inspection's page. The server defaults the due date by severity. */
export function AddFindingForm({ inspectionId, onDone }: { inspectionId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FindingInput>(EMPTY);
  const save = useMutation({
    mutationFn: () => inspectionsApi.addFinding(inspectionId, { ...form, due_date: form.due_date || null }),
    onSuccess: async () => {
      await refreshAfter(queryClient, 'finding');
      setForm(EMPTY);
      onDone();
    },
  });
  const err = serverErrors(save.error, FIELDS);
  const set = <K extends keyof FindingInput>(k: K, v: FindingInput[K]) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Paper withBorder p="md" bg="gray.0">
      <Title order={3} size="h5" mb="sm">
        Add a finding
      </Title>
      <ServerForm label="Add a finding" onSubmit={() => save.mutate()} gap="sm" error={save.error} shownFields={FIELDS}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label="Severity" required data={options(SEVERITIES)} value={form.severity} onChange={(v) => set('severity', (v as Severity) ?? 'minor')} allowDeselect={false} error={err.field('severity')} />
          <Select label="Category" required data={options(FINDING_CATEGORIES)} value={form.category} onChange={(v) => set('category', (v as FindingCategory) ?? 'quality')} allowDeselect={false} error={err.field('category')} />
          <TextInput label="Requirement" placeholder="e.g. ISO 9001:2015 8.5.2" value={form.requirement} onChange={(e) => set('requirement', e.currentTarget.value)} error={err.field('requirement')} />
        </SimpleGrid>
        <Textarea label="Description" required autosize minRows={2} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} error={err.field('description')} />
        <Textarea label="Corrective action" autosize minRows={1} value={form.corrective_action} onChange={(e) => set('corrective_action', e.currentTarget.value)} error={err.field('corrective_action')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Owner" placeholder="Who fixes it (at the site)" value={form.owner} onChange={(e) => set('owner', e.currentTarget.value)} error={err.field('owner')} />
          <DateField
            label="Due date"
            description="Leave empty for the default: critical 7 days, major 30, minor 90"
            value={form.due_date ?? ''}
            onChange={(v) => set('due_date', v || null)}
            error={err.field('due_date')}
          />
        </SimpleGrid>
        <FormButtons submit="Save finding" pending={save.isPending} onCancel={onDone} />
      </ServerForm>
    </Paper>
  );
}

/** Closing a finding needs a verification note: the corrective action was checked and works. */
export function CloseFindingModal({ finding, opened, onClose, onReload }: { finding: Finding; opened: boolean; onClose: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const sig = useSignature(['verified', 'reviewed', 'approved']);
  const save = useMutation({
    mutationFn: () => findingsApi.update(finding.id, { version: finding.version, status: 'closed', verification_note: note, signature: sig.request }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.finding(saved.id), saved);
      await refreshAfter(queryClient, 'finding');
      setNote('');
      onClose();
    },
  });
  const err = serverErrors(save.error, ['verification_note', 'status', ...SIGNATURE_FIELDS]);
  return (
    <FormModal opened={opened} onClose={onClose} title="Close the finding" size="lg" centered>
      <ServerForm
        label="Close the finding"
        onSubmit={() => save.mutate()}
        error={save.error}
        shownFields={['verification_note', 'status', ...SIGNATURE_FIELDS]}
        onReload={() => {
          onReload?.();
          onClose();
        }}
      >
        <TextInput label="Finding" value={finding.description} readOnly variant="filled" />
        <Textarea
          label="Verification note"
          required
          autosize
          minRows={3}
          description="How you checked that the corrective action was done and works"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={err.field('verification_note') ?? err.field('status')}
          data-autofocus
        />
        <SignatureFields sig={sig} error={save.error} />
        <FormButtons submit="Sign and close finding" pending={save.isPending} onCancel={onClose} color="green" />
      </ServerForm>
    </FormModal>
  );
}
