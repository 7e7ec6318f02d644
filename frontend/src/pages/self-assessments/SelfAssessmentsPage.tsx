import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { checklistTemplatesApi, selfAssessmentsApi, type AssessmentStatus, type SelfAssessmentRow } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { DueDate } from '../../components/DueDate';
import { EmptyState } from '../../components/EmptyState';
import { DateField, FormButtons, ServerForm, serverErrors } from '../../components/forms';
import { ClearFilters, FilterCheckbox, ManufacturerFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { SitePicker } from '../../components/SitePicker';
import { useListScreen } from '../../components/useListScreen';
import { toCalendarDate } from '../../format/dates';

const FILTERS = ['status', 'overdue', 'manufacturer_id'] as const;

export const ASSESSMENT_STATUS: Record<AssessmentStatus, { label: string; color: string }> = {
  open: { label: 'With the supplier', color: 'blue' },
  returned: { label: 'Returned for rework', color: 'orange' },
  submitted: { label: 'To review', color: 'yellow' },
  accepted: { label: 'Accepted', color: 'green' },
};

export function AssessmentStatusBadge({ status }: { status: AssessmentStatus }) {
  return (
    <Badge color={ASSESSMENT_STATUS[status].color} variant="light">
      {ASSESSMENT_STATUS[status].label}
    </Badge>
  );
}

export const assessmentColumns: Column<SelfAssessmentRow>[] = [
  { key: 'template', header: 'Questionnaire', render: (r) => <Text size="sm" fw={600}>{`${r.template_name} v${r.template_version}`}</Text> },
  { key: 'site', header: 'Site', render: (r) => <Text size="sm" ff="monospace">{r.site_code}</Text> },
  { key: 'manufacturer', header: 'Manufacturer', render: (r) => r.manufacturer_name, wide: true },
  { key: 'status', header: 'Status', sortKey: 'status', render: (r) => <AssessmentStatusBadge status={r.status} /> },
  { key: 'answered', header: 'Answered', render: (r) => `${r.answered} of ${r.total}`, align: 'right' },
  {
    key: 'due',
    header: 'Due',
    sortKey: 'due_date',
    render: (r) => <DueDate date={r.due_date} done={r.status === 'submitted' || r.status === 'accepted'} inline />,
  },
  { key: 'rework', header: 'Returned', render: (r) => r.rework_count, align: 'right', wide: true },
];

/** Every questionnaire sent to manufacturers; the ones to review and the overdue first to find. */
export default function SelfAssessmentsPage() {
  const can = usePermissions();
  const [sending, setSending] = useState(false);
  const { list, table } = useListScreen('self-assessments', FILTERS, 'due_date', (params, signal) => selfAssessmentsApi.list(params, signal));
  return (
    <>
      <PageHeader
        title="Self-assessment questionnaires"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Questionnaires' }]}
        description="Checklists sent to manufacturers to answer before a visit, in the supplier portal. Their answers are their own statements, kept apart from inspectors' checklists."
        actions={can.edit ? <Button onClick={() => setSending(true)}>Send questionnaire</Button> : undefined}
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Status"
            placeholder="Any"
            data={Object.entries(ASSESSMENT_STATUS).map(([value, s]) => ({ value, label: s.label }))}
            value={list.filters.status || null}
            onChange={(v) => list.setFilter('status', v)}
            clearable
            w={200}
          />
          <ManufacturerFilter list={list} />
          <FilterCheckbox list={list} name="overdue" label="Overdue only" />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Self-assessment questionnaires"
          columns={assessmentColumns}
          rowKey={(r) => r.id}
          rowHref={(r) => `/self-assessments/${r.id}`}
          empty={<EmptyState title="No questionnaire matches">Send a checklist template to a manufacturer to have it answered before the visit.</EmptyState>}
        />
      </Stack>
      <SendQuestionnaire opened={sending} onClose={() => setSending(false)} />
    </>
  );
}

/** The form that sends a template (its current version) to a site's manufacturer. */
export function SendQuestionnaire({ opened, onClose, siteId = null }: { opened: boolean; onClose: () => void; siteId?: number | null }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [site, setSite] = useState<number | null>(siteId);
  const [template, setTemplate] = useState<string | null>(null);
  const [due, setDue] = useState(() => toCalendarDate(new Date(Date.now() + 21 * 86_400_000)));
  const [message, setMessage] = useState('');
  const templates = useQuery({
    queryKey: ['checklist-templates', 'current'],
    queryFn: ({ signal }) => checklistTemplatesApi.list({ page_size: 200, sort: 'name' }, signal),
    enabled: opened,
  });
  const send = useMutation({
    mutationFn: () => selfAssessmentsApi.send({ site_id: site ?? 0, template_id: Number(template ?? 0), due_date: due, ...(message ? { message } : {}) }),
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: ['self-assessments'] });
      onClose();
      void navigate(`/self-assessments/${a.id}`);
    },
  });
  const err = serverErrors(send.error, ['site_id', 'template_id', 'due_date', 'message']);
  return (
    <Modal opened={opened} onClose={onClose} title="Send a self-assessment questionnaire">
      <ServerForm label="Send a self-assessment questionnaire" onSubmit={() => send.mutate()} error={send.error} shownFields={['site_id', 'template_id', 'due_date', 'message']}>
        <SitePicker label="Site" required value={site} onChange={setSite} error={err.field('site_id')} />
        <Select
          label="Checklist template"
          required
          searchable
          data={(templates.data?.items ?? []).map((t) => ({ value: String(t.id), label: `${t.name} (v${t.version}, ${t.item_count} items)` }))}
          value={template}
          onChange={setTemplate}
          error={err.field('template_id')}
        />
        <DateField label="Due date" required value={due} onChange={setDue} error={err.field('due_date')} />
        <Textarea label="Message to the supplier" autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={err.field('message')} />
        <FormButtons submit="Send questionnaire" pending={send.isPending} onCancel={onClose} />
      </ServerForm>
    </Modal>
  );
}
