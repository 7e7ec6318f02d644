import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { changeNotificationsApi, correctiveActionsApi, selfAssessmentsApi } from '../../api';
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

/** The site's changes since the visit before this inspection, to check on site. */
export function ChangesSinceLastVisit({ inspectionId }: { inspectionId: number }) {
  const changes = useQuery({ queryKey: ['change-notifications', 'inspection', inspectionId], queryFn: ({ signal }) => changeNotificationsApi.sinceLastVisit(inspectionId, signal) });
  if (!changes.data) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Changes since the last visit
      </Title>
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
