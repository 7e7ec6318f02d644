import { Modal, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FINDING_CATEGORIES, SEVERITIES, type FindingCategory, type FindingFromItem, type Severity } from '../../api';
import { DateField, FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { options } from '../../format/labels';

const FIELDS = ['severity', 'category', 'requirement', 'description', 'corrective_action', 'owner', 'due_date'] as const;

type FindingForm = Required<Pick<FindingFromItem, 'severity' | 'category' | 'requirement' | 'description' | 'owner' | 'corrective_action'>>;

/**
 * "Raise finding" from an answer: the finding form prefilled from the item
 * (severity, category, requirement, a description from the question and
 * the note) for the inspector to complete (owner, corrective action) and
 * correct before it is recorded.
 */
export function RaiseFindingModal({
  opened,
  onClose,
  itemNumber,
  initial,
  submit,
  pending,
  error,
  submitLabel = 'Save finding',
}: {
  opened: boolean;
  onClose: () => void;
  itemNumber: string;
  initial: FindingForm;
  submit: (finding: FindingFromItem) => void;
  pending: boolean;
  error: unknown;
  submitLabel?: string;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Raise a finding from item ${itemNumber}`} size="lg" centered>
      {opened && <RaiseFindingForm initial={initial} submit={submit} pending={pending} error={error} onClose={onClose} submitLabel={submitLabel} />}
    </Modal>
  );
}

function RaiseFindingForm({ initial, submit, pending, error, onClose, submitLabel }: { initial: FindingForm; submit: (f: FindingFromItem) => void; pending: boolean; error: unknown; onClose: () => void; submitLabel: string }) {
  const [form, setForm] = useState(initial);
  const [due, setDue] = useState('');
  const set = <K extends keyof FindingForm>(k: K, v: FindingForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const err = serverErrors(error, FIELDS);
  return (
    <ServerForm label="Raise a finding" onSubmit={() => submit({ ...form, due_date: due || null })} error={error} shownFields={FIELDS} gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label="Severity" required data={options(SEVERITIES)} value={form.severity} onChange={(v) => set('severity', (v as Severity) ?? form.severity)} allowDeselect={false} error={err.field('severity')} />
        <Select label="Category" required data={options(FINDING_CATEGORIES)} value={form.category} onChange={(v) => set('category', (v as FindingCategory) ?? form.category)} allowDeselect={false} error={err.field('category')} />
        <TextInput label="Requirement" value={form.requirement} onChange={(e) => set('requirement', e.currentTarget.value)} error={err.field('requirement')} />
      </SimpleGrid>
      <Textarea label="Description" required autosize minRows={3} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} error={err.field('description')} />
      <Textarea label="Corrective action" placeholder="What the site must do" autosize minRows={2} value={form.corrective_action} onChange={(e) => set('corrective_action', e.currentTarget.value)} error={err.field('corrective_action')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Owner" placeholder="Who fixes it (at the site)" value={form.owner} onChange={(e) => set('owner', e.currentTarget.value)} error={err.field('owner')} />
        <DateField label="Due date" description="Empty: the severity's default (critical 7 days, major 30, minor 90)" value={due} onChange={setDue} error={err.field('due_date')} />
      </SimpleGrid>
      <FormButtons submit={submitLabel} pending={pending} onCancel={onClose} />
    </ServerForm>
  );
}
