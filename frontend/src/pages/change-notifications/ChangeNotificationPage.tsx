import { Anchor, Badge, Button, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  CHANGE_KIND_LABELS,
  changeNotificationsApi,
  queryKeys,
  refreshAfter,
  type ChangeDecisionDraft,
  type ChangeNotification,
} from '../../api';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { DateField, Field, ServerForm, serverErrors } from '../../components/forms';
import { usePermissions } from '../../components/permissions';
import { PageHeader } from '../../components/PageHeader';
import { RecordState } from '../../components/QueryState';
import { SIGNATURE_FIELDS, SignatureFields, useSignature } from '../../components/Signature';
import { formatCalendarDate, formatTimestamp } from '../../format/dates';
import { CHANGE_STATUS_COLOR, CHANGE_STATUS_LABELS } from './ChangeNotificationsPage';

/** /change-notifications/:id: a change, and a manager's signed decision on it while it is pending. */
export default function ChangeNotificationPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const record = useQuery({ queryKey: queryKeys.changeNotification(id), queryFn: ({ signal }) => changeNotificationsApi.get(id, signal) });
  const crumbs = [
    { label: 'Dashboard', to: '/' },
    { label: 'Change notifications', to: '/change-notifications' },
  ];
  const c = record.data;
  if (!c) return <RecordState title="Change notification" breadcrumbs={[...crumbs, { label: 'Change' }]} error={record.error} onRetry={() => void record.refetch()} />;
  return (
    <>
      <PageHeader
        title={c.title}
        breadcrumbs={[...crumbs, { label: c.title }]}
        description={
          <Group gap="xs" component="span">
            <Badge color={CHANGE_STATUS_COLOR[c.status]} variant="light" size="lg">
              {CHANGE_STATUS_LABELS[c.status]}
            </Badge>
            {c.retroactive && <Badge color="red">Found on site, not notified</Badge>}
          </Group>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Field label="Manufacturer">
              <Anchor component={Link} to={`/manufacturers/${c.manufacturer_id}`} size="sm">
                {c.manufacturer_name}
              </Anchor>
            </Field>
            <Field label="What changes">{CHANGE_KIND_LABELS[c.kind]}</Field>
            <Field label="Planned for">{c.planned_date ? formatCalendarDate(c.planned_date) : ''}</Field>
            <Field label="Sites">
              <Group gap="xs">
                {c.sites.map((s) => (
                  <Anchor key={s.id} component={Link} to={`/sites/${s.id}?tab=supplier`} size="sm" ff="monospace">
                    {s.code}
                  </Anchor>
                ))}
              </Group>
            </Field>
            <Field label="Recorded by">{`${c.submitted_by_name}, ${formatTimestamp(c.submitted_at)}`}</Field>
            {c.finding_id && (
              <Field label="Finding">
                <Anchor component={Link} to={`/findings/${c.finding_id}`} size="sm">
                  The unnotified change finding
                </Anchor>
              </Field>
            )}
          </SimpleGrid>
          <Stack mt="md" gap={4}>
            <Field label="Description">{c.description}</Field>
          </Stack>
        </Paper>
        <Stack gap="xs" component="section" aria-labelledby="change-files">
          <Title order={2} size="h4" id="change-files">
            Files
          </Title>
          <AttachmentsPanel
            owner="change_notification"
            ownerId={c.id}
            final={c.status === 'pending' ? undefined : 'The change was decided; its files are the ones the decision was signed with.'}
          />
        </Stack>
        {c.status !== 'pending' ? <Decided c={c} /> : can.decideChanges ? <DecisionForm c={c} /> : <Text c="dimmed">Waiting for a manager&apos;s decision.</Text>}
      </Stack>
    </>
  );
}

function Decided({ c }: { c: ChangeNotification }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Decision
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Field label="Decision">{CHANGE_STATUS_LABELS[c.status]}</Field>
        <Field label="Decided by">{c.decided_at ? `${c.decided_by_name}, ${formatTimestamp(c.decided_at)}` : ''}</Field>
        {c.inspection_id && (
          <Field label="For-cause inspection">
            <Anchor component={Link} to={`/inspections/${c.inspection_id}`} size="sm">
              The inspection planned for it
            </Anchor>
          </Field>
        )}
      </SimpleGrid>
      <Stack mt="md" gap="sm">
        {c.conditions && <Field label="Conditions">{c.conditions}</Field>}
        {c.decision_reason && <Field label="Reason">{c.decision_reason}</Field>}
      </Stack>
    </Paper>
  );
}

const FIELDS = ['status', 'conditions', 'reason', 'requires_inspection', 'inspection_date', ...SIGNATURE_FIELDS] as const;

function DecisionForm({ c }: { c: ChangeNotification }) {
  const queryClient = useQueryClient();
  const sig = useSignature(['approved', 'reviewed']);
  const [status, setStatus] = useState<ChangeDecisionDraft['status'] | ''>('');
  const [conditions, setConditions] = useState('');
  const [reason, setReason] = useState('');
  const [inspect, setInspect] = useState(false);
  const [inspectionDate, setInspectionDate] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      changeNotificationsApi.decide(c.id, {
        status: status as ChangeDecisionDraft['status'],
        conditions: status === 'approved_with_conditions' ? conditions : '',
        reason,
        requires_inspection: status !== 'rejected' && inspect,
        inspection_date: status !== 'rejected' && inspect && inspectionDate ? inspectionDate : null,
        signature: sig.request,
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.changeNotification(c.id), saved);
      await refreshAfter(queryClient, 'change-notification');
    },
  });
  const err = serverErrors(decide.error, FIELDS);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Decide
      </Title>
      <ServerForm label="Decide the change" onSubmit={() => decide.mutate()} error={decide.error} shownFields={FIELDS}>
        <Radio.Group label="Decision" required value={status} onChange={(v) => setStatus(v as ChangeDecisionDraft['status'])} error={err.field('status')}>
          <Group mt={4}>
            <Radio value="approved" label="Approve" />
            <Radio value="approved_with_conditions" label="Approve with conditions" />
            <Radio value="rejected" label="Reject" />
          </Group>
        </Radio.Group>
        {status === 'approved_with_conditions' && (
          <Textarea label="Conditions" required autosize minRows={2} value={conditions} onChange={(e) => setConditions(e.currentTarget.value)} error={err.field('conditions')} />
        )}
        <Textarea
          label={status === 'rejected' ? 'Why the change is rejected' : 'Reason (optional)'}
          required={status === 'rejected'}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={err.field('reason')}
        />
        {status !== 'rejected' && (
          <>
            <Checkbox
              label="Inspect the change before relying on it: plan a for-cause inspection of the first site"
              checked={inspect}
              onChange={(e) => setInspect(e.currentTarget.checked)}
              error={err.field('requires_inspection')}
            />
            {inspect && <DateField label="Inspection date" required value={inspectionDate} onChange={setInspectionDate} error={err.field('inspection_date')} />}
          </>
        )}
        <SignatureFields sig={sig} error={decide.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={decide.isPending} disabled={!status}>
            Sign and record the decision
          </Button>
        </Group>
      </ServerForm>
    </Paper>
  );
}
