import { Alert, Button, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  changeNotificationsApi,
  correctiveActionsApi,
  refreshAfter,
  selfAssessmentsApi,
  SEVERITIES,
  type ChangeKind,
  type Severity,
} from '../../api';
import { ServerForm, serverErrors } from '../../components/forms';
import { FormModal } from '../../components/UnsavedChanges';
import { usePermissions } from '../../components/permissions';
import { assessmentColumns, SendQuestionnaire } from '../self-assessments/SelfAssessmentsPage';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { changeColumns } from './ChangeNotificationsPage';
import { requestColumns } from '../corrective-actions/CorrectiveActionsPage';

/** A site's corrective-action requests, change notifications and self-assessment questionnaires. */
export function SiteSupplierPanel({ siteId }: { siteId: number }) {
  const can = usePermissions();
  const [sending, setSending] = useState(false);
  const assessments = useQuery({
    queryKey: ['self-assessments', { site_id: siteId }],
    queryFn: ({ signal }) => selfAssessmentsApi.list({ site_id: siteId, page_size: 200, sort: '-sent_at' }, signal),
  });
  const changes = useQuery({ queryKey: ['change-notifications', 'site', siteId], queryFn: ({ signal }) => changeNotificationsApi.ofSite(siteId, signal) });
  const requests = useQuery({
    queryKey: ['corrective-actions', { site_id: siteId }],
    queryFn: ({ signal }) => correctiveActionsApi.list({ site_id: siteId, page_size: 200 }, signal),
  });
  return (
    <Stack gap="lg">
      {changes.data?.uninspected_change && (
        <Alert color="orange" title="Approved change not yet inspected">
          A change at this site was approved and no inspection has been completed since; check it at the next visit.
        </Alert>
      )}
      <Stack gap="xs">
        <Title order={2} size="h5">
          Corrective-action requests
        </Title>
        <DataTable
          caption="Corrective-action requests of the site"
          columns={requestColumns}
          rows={requests.data?.items}
          loading={requests.isFetching}
          error={requests.error}
          rowKey={(r) => r.id}
          rowHref={(r) => `/findings/${r.finding_id}`}
          empty={<EmptyState title="No request">Requests are issued from a finding&apos;s page.</EmptyState>}
        />
      </Stack>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Self-assessment questionnaires
          </Title>
          {can.edit && (
            <Button size="xs" variant="default" onClick={() => setSending(true)}>
              Send questionnaire
            </Button>
          )}
        </Group>
        <DataTable
          caption="Self-assessment questionnaires of the site"
          columns={assessmentColumns}
          rows={assessments.data?.items}
          loading={assessments.isFetching}
          error={assessments.error}
          rowKey={(r) => r.id}
          rowHref={(r) => `/self-assessments/${r.id}`}
          empty={<EmptyState title="No questionnaire">No self-assessment was sent for this site.</EmptyState>}
        />
        <SendQuestionnaire opened={sending} onClose={() => setSending(false)} siteId={siteId} />
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h5">
          Change notifications
        </Title>
        <DataTable
          caption="Change notifications of the site"
          columns={changeColumns}
          rows={changes.data?.items}
          loading={changes.isFetching}
          error={changes.error}
          rowKey={(c) => c.id}
          rowHref={(c) => `/change-notifications/${c.id}`}
          empty={<EmptyState title="No change notification">The manufacturer has notified no change at this site.</EmptyState>}
        />
      </Stack>
    </Stack>
  );
}

/**
 * The site's changes since the visit before this inspection, to check on
 * site; and, for who may edit, recording a change found on site that was
 * never notified.
 */
export function ChangesSinceLastVisit({ inspectionId, canRecord }: { inspectionId: number; canRecord: boolean }) {
  const changes = useQuery({ queryKey: ['change-notifications', 'inspection', inspectionId], queryFn: ({ signal }) => changeNotificationsApi.sinceLastVisit(inspectionId, signal) });
  const [recording, setRecording] = useState(false);
  if (!changes.data) return null;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Changes since the last visit
        </Title>
        {canRecord && (
          <Button variant="light" size="xs" onClick={() => setRecording(true)}>
            Record a change found on site
          </Button>
        )}
      </Group>
      <UnnotifiedChangeModal inspectionId={inspectionId} opened={recording} onClose={() => setRecording(false)} />
      {changes.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          The manufacturer notified no change at this site since the last visit.
        </Text>
      ) : (
        <DataTable caption="Changes since the last visit" columns={changeColumns} rows={changes.data.items} rowKey={(c) => c.id}
          rowHref={(c) => `/change-notifications/${c.id}`} empty={null} />
      )}
    </Stack>
  );
}

const UNNOTIFIED_FIELDS = ['kind', 'title', 'description', 'severity'] as const;

/** A change the inspector found on site that the manufacturer never notified: a finding and a retroactive notification. */
function UnnotifiedChangeModal({ inspectionId, opened, onClose }: { inspectionId: number; opened: boolean; onClose: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Record a change found on site" size="lg" centered>
      {opened && <UnnotifiedChangeForm inspectionId={inspectionId} onClose={onClose} />}
    </FormModal>
  );
}

function UnnotifiedChangeForm({ inspectionId, onClose }: { inspectionId: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ChangeKind | ''>('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('major');
  const save = useMutation({
    mutationFn: () => changeNotificationsApi.recordUnnotified(inspectionId, { kind: kind as ChangeKind, title, description, severity }),
    onSuccess: () => refreshAfter(queryClient, 'change-notification'),
  });
  const err = serverErrors(save.error, UNNOTIFIED_FIELDS);
  if (save.data) {
    return (
      <Stack gap="md">
        <Alert color="orange" role="status" title="Recorded">
          A {save.data.finding.severity} finding about the unnotified change is raised on this inspection, and the change is recorded as notified after the
          fact, for a manager to decide.
        </Alert>
        <Group justify="flex-end">
          <Button component={Link} to={`/findings/${save.data.finding.id}`} variant="default" onClick={onClose}>
            Open the finding
          </Button>
          <Button component={Link} to={`/change-notifications/${save.data.change_notification.id}`} onClick={onClose}>
            Open the change
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <ServerForm label="Record a change found on site" onSubmit={() => save.mutate()} error={save.error} shownFields={UNNOTIFIED_FIELDS}>
      <Text size="sm">The manufacturer changed something without telling you first: this raises an &quot;unnotified change&quot; finding and records the change for a decision.</Text>
      <Select
        label="What changed"
        required
        data={CHANGE_KINDS.map((k) => ({ value: k, label: CHANGE_KIND_LABELS[k] }))}
        value={kind || null}
        onChange={(v) => setKind((v as ChangeKind | null) ?? '')}
        error={err.field('kind')}
      />
      <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err.field('title')} />
      <Textarea label="What you found" autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={err.field('description')} />
      <Select
        label="Severity of the finding"
        required
        data={SEVERITIES.map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1) }))}
        value={severity}
        allowDeselect={false}
        onChange={(v) => v && setSeverity(v as Severity)}
        error={err.field('severity')}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending}>
          Record the change and raise the finding
        </Button>
      </Group>
    </ServerForm>
  );
}
