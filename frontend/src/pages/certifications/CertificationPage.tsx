import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { certificationsApi, refreshAfter, queryKeys } from '../../api';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { CertificationBadge } from '../../components/badges';
import { ConfirmButton, Field } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatCalendarDate, formatTimestamp, relativeDue } from '../../format/dates';
import { CertificationModal } from './CertificationForm';

export default function CertificationPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const record = useQuery({ queryKey: queryKeys.certification(id), queryFn: ({ signal }) => certificationsApi.get(id, signal) });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Certifications', to: '/certifications' }];
  const c = record.data;
  if (!c) return <RecordState title="Certification" breadcrumbs={[...crumbs, { label: 'Certification' }]} error={record.error} onRetry={() => void record.refetch()} />;
  // A component source's certificate follows the source: edited or removed with it.
  const held = c.component_source_id !== null;

  return (
    <>
      <PageHeader
        title={`${c.standard} · ${c.site_code}`}
        breadcrumbs={[...crumbs, { label: `${c.standard} · ${c.site_code}` }]}
        description={
          <Group gap="xs" component="span">
            <CertificationBadge status={c.status} size="lg" />
            {c.expires_on && c.status !== 'withdrawn' && (
              <Text span size="sm" c={c.status === 'expired' ? 'red.8' : c.status === 'expiring' ? 'yellow.9' : 'dimmed'}>
                {c.status === 'expired' ? `expired ${formatCalendarDate(c.expires_on)}` : `expires ${relativeDue(c.expires_on)}`}
              </Text>
            )}
          </Group>
        }
        actions={
          <>
            {held && (
              <Button component={Link} to={`/sites/${c.site_id}/integrity`} variant="default">
                Edit with the source
              </Button>
            )}
            {can.remove && !held && (
              <ConfirmButton
                label="Delete"
                title={`Delete ${c.standard} of ${c.site_code}?`}
                onConfirm={async () => {
                  await certificationsApi.remove(id);
                  await refreshAfter(queryClient, 'certification');
                  await navigate(`/sites/${c.site_id}?tab=certifications`);
                }}
              >
                Delete only a certificate entered by mistake; an expired or withdrawn one stays as history. The audit trail keeps the deleted record.
              </ConfirmButton>
            )}
            {can.edit && !held && <Button onClick={() => setEditing(true)}>Edit</Button>}
          </>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label="Site">
              <Anchor component={Link} to={`/sites/${c.site_id}`} size="sm">
                {c.site_code} · {c.site_name}
              </Anchor>
            </Field>
            {held && (
              <Field label="Held by">
                <Anchor component={Link} to={`/sites/${c.site_id}/integrity`} size="sm">
                  Component source {c.component_source_name}
                </Anchor>
              </Field>
            )}
            <Field label="Certificate number">{c.certificate_number}</Field>
            <Field label="Issuing body">{c.issuing_body}</Field>
            <Field label="Issued on">{formatCalendarDate(c.issued_on)}</Field>
            <Field label="Expires on">{formatCalendarDate(c.expires_on)}</Field>
            <Field label="Verified">{c.verified ? `Yes, by ${c.verified_by_name}, ${formatTimestamp(c.verified_at)}` : 'Not checked against the register'}</Field>
            {c.withdrawn && <Field label="Withdrawn">{c.withdrawn_reason || 'Yes'}</Field>}
          </SimpleGrid>
          <Stack mt="md">
            <Field label="Scope">
              {c.scope}
            </Field>
          </Stack>
        </Paper>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Attachments
          </Title>
          <AttachmentsPanel owner="certification" ownerId={id} />
        </Stack>
      </Stack>
      <CertificationModal opened={editing} onClose={() => setEditing(false)} record={c} onReload={() => void record.refetch()} />
    </>
  );
}
