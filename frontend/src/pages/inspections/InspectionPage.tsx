import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { findingsApi, inspectionsApi, type Finding, refreshAfter, queryKeys } from '../../api';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { ChangesSinceLastVisit } from '../change-notifications/SiteSupplierPanel';
import { FindingStatusBadge, InspectionStatusBadge, ResultBadge, SeverityBadge } from '../../components/badges';
import { DueDate } from '../../components/DueDate';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmButton, Field, FormError } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatCalendarDate } from '../../format/dates';
import { label } from '../../format/labels';
import { AddFindingForm, CloseFindingModal } from '../findings/FindingForms';
import { ChecklistsPanel } from './ChecklistsPanel';
import { PrepareOffline } from './PrepareOffline';
import { CompleteInspectionModal, EditPlanModal } from './InspectionForms';
import { SignatureLine } from '../../components/Signature';
import { ObservationsPanel } from '../integrity/ObservationsPanel';

export default function InspectionPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [completing, setCompleting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const record = useQuery({ queryKey: queryKeys.inspection(id), queryFn: ({ signal }) => inspectionsApi.get(id, signal) });
  const findingsQuery = { inspection_id: id, page_size: 200, sort: 'severity' };
  const findings = useQuery({ queryKey: ['findings', findingsQuery], queryFn: ({ signal }) => findingsApi.list(findingsQuery, signal) });
  const cancel = useMutation({
    mutationFn: () => inspectionsApi.update(id, { version: record.data!.version, status: 'cancelled' }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.inspection(id), saved);
      await refreshAfter(queryClient, 'inspection');
    },
  });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Inspections', to: '/inspections' }];
  const i = record.data;
  if (!i) return <RecordState title="Inspection" breadcrumbs={[...crumbs, { label: 'Inspection' }]} error={record.error} onRetry={() => void record.refetch()} />;

  const when = i.status === 'completed' ? formatCalendarDate(i.performed_date) : formatCalendarDate(i.scheduled_date);
  const title = `${label(i.type)} inspection of ${i.site_code}`;
  const rows = findings.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Sites', to: '/sites' }, { label: i.site_code, to: `/sites/${i.site_id}?tab=inspections` }, { label: `Inspection ${when}` }]}
        description={
          <Group gap="xs" component="span">
            <InspectionStatusBadge status={i.status} size="lg" />
            <ResultBadge result={i.result} size="lg" />
            <Text span size="sm" c="dimmed">
              {i.site_name}
            </Text>
          </Group>
        }
        actions={
          can.edit && (
            <>
              {can.remove && i.status === 'planned' && (
                <ConfirmButton
                  label="Delete"
                  title="Delete this planned inspection?"
                  onConfirm={async () => {
                    await inspectionsApi.remove(id);
                    await navigate(`/sites/${i.site_id}?tab=inspections`);
                    void refreshAfter(queryClient, 'inspection');
                  }}
                >
                  Only a planned inspection entered by mistake can be deleted. The audit trail keeps the deleted record.
                </ConfirmButton>
              )}
              {i.status === 'planned' && (
                <ConfirmButton label="Cancel inspection" title="Cancel this inspection?" color="orange" variant="default" onConfirm={() => cancel.mutateAsync()}>
                  The visit is marked cancelled and no longer counts as planned; the site may become overdue.
                </ConfirmButton>
              )}
              {i.status === 'planned' && (
                <Button variant="default" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              {i.status !== 'cancelled' && (
                <Button onClick={() => setCompleting(true)}>{i.status === 'completed' ? 'Edit result' : 'Complete inspection'}</Button>
              )}
            </>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label="Site">
              <Anchor component={Link} to={`/sites/${i.site_id}`} size="sm">
                {i.site_code} · {i.site_name}
              </Anchor>
            </Field>
            <Field label="Scheduled">{i.status === 'planned' ? <DueDate date={i.scheduled_date} /> : formatCalendarDate(i.scheduled_date)}</Field>
            <Field label="Performed">{formatCalendarDate(i.performed_date)}</Field>
            <Field label="Score">{i.score ?? ''}</Field>
            <Field label="Lead inspector">{i.lead_inspector_name}</Field>
            <Field label="Team">{i.team}</Field>
            <Field label="Type">{label(i.type)}</Field>
            <Field label="Findings">
              {i.finding_counts.critical + i.finding_counts.major + i.finding_counts.minor + i.finding_counts.observation} ({i.finding_counts.open} open)
            </Field>
          </SimpleGrid>
          <Stack gap="md" mt="md">
            <Field label="Scope">
              {i.scope}
            </Field>
            <Field label="Summary">
              {i.summary}
            </Field>
            {i.correction_reason && (
              <Field label="Corrected after completion">
                <Text size="sm" data-testid="correction-reason">
                  {i.correction_reason}
                </Text>
              </Field>
            )}
            {i.signature && (
              <Field label="Signature">
                <SignatureLine signature={i.signature} />
              </Field>
            )}
          </Stack>
        </Paper>
        <FormError error={cancel.error} onReload={() => void record.refetch()} />

        {can.edit && i.status === 'planned' && <PrepareOffline inspectionId={id} />}

        {i.status !== 'cancelled' && <ChecklistsPanel inspectionId={id} status={i.status} canEdit={can.edit} />}

        <ObservationsPanel inspectionId={id} canEdit={can.edit} />

        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Findings
            </Title>
            {can.edit && !adding && i.status !== 'cancelled' && (
              <Button variant="light" onClick={() => setAdding(true)}>
                Add finding
              </Button>
            )}
          </Group>
          {adding && <AddFindingForm inspectionId={id} onDone={() => setAdding(false)} />}
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table fz="sm" verticalSpacing={6} striped="even" stripedColor="var(--mantine-color-gray-0)" miw={640}>
              <Table.Thead bg="gray.1">
                <Table.Tr>
                  <Table.Th scope="col">Finding</Table.Th>
                  <Table.Th scope="col">Severity</Table.Th>
                  <Table.Th scope="col">Owner</Table.Th>
                  <Table.Th scope="col">Due</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  {can.edit && <Table.Th scope="col">Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((f) => (
                  <FindingRow key={f.id} finding={f} canEdit={can.edit} onReload={() => void findings.refetch()} />
                ))}
              </Table.Tbody>
            </Table>
            {findings.isSuccess && rows.length === 0 && (
              <EmptyState title="No findings">{can.edit ? 'Record what the inspection found with "Add finding".' : 'This inspection recorded no findings.'}</EmptyState>
            )}
          </Paper>
        </Stack>

        <ChangesSinceLastVisit inspectionId={id} canRecord={can.edit} />
        <Stack gap="xs">
          <Title order={2} size="h4">
            Attachments
          </Title>
          <AttachmentsPanel owner="inspection" ownerId={id} />
        </Stack>
      </Stack>
      <CompleteInspectionModal inspection={i} opened={completing} onClose={() => setCompleting(false)} onReload={() => void record.refetch()} />
      <EditPlanModal inspection={i} opened={editing} onClose={() => setEditing(false)} onReload={() => void record.refetch()} />
    </>
  );
}

function FindingRow({ finding: f, canEdit, onReload }: { finding: Finding; canEdit: boolean; onReload: () => void }) {
  const [closing, setClosing] = useState(false);
  return (
    <Table.Tr style={f.overdue ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)' } : undefined}>
      <Table.Td>
        <Anchor component={Link} to={`/findings/${f.id}`} size="sm" fw={600}>
          {f.description}
        </Anchor>
        <Text size="xs" c="dimmed">
          {[label(f.category), f.requirement].filter(Boolean).join(' · ')}
        </Text>
      </Table.Td>
      <Table.Td>
        <SeverityBadge severity={f.severity} size="sm" />
      </Table.Td>
      <Table.Td>{f.owner}</Table.Td>
      <Table.Td>
        <DueDate date={f.due_date} done={f.status === 'closed'} inline />
      </Table.Td>
      <Table.Td>
        <FindingStatusBadge status={f.status} size="sm" />
      </Table.Td>
      {canEdit && (
        <Table.Td>
          {f.status !== 'closed' && (
            <Button size="compact-sm" variant="light" color="green" onClick={() => setClosing(true)}>
              Close
            </Button>
          )}
          <CloseFindingModal finding={f} opened={closing} onClose={() => setClosing(false)} onReload={onReload} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}
