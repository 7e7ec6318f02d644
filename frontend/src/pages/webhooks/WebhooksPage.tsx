import { Alert, Badge, Button, Checkbox, Group, Modal, Pagination, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  refreshAfter,
  WEBHOOK_EVENTS,
  webhooksApi,
  webhooksQueryKey,
  type CreatedWebhook,
  type Webhook,
  type WebhookEventType,
} from '../../api';
import { ShownOnce } from '../../components/ShownOnce';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmButton, FormButtons, FormError, serverErrors, ServerForm } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { FormModal } from '../../components/UnsavedChanges';
import { formatTimestamp } from '../../format/dates';

const STATE: Record<Webhook['status'], { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  paused: { label: 'Paused', color: 'orange' },
  disabled: { label: 'Disabled', color: 'gray' },
};

const eventLabel = (t: string) => WEBHOOK_EVENTS.find((e) => e.type === t)?.label ?? t;

/** Outbound webhooks: which systems hear of which changes, and how their deliveries went. */
export default function WebhooksPage() {
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: webhooksQueryKey, queryFn: ({ signal }) => webhooksApi.list(signal) });
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => refreshAfter(queryClient, 'webhook');
  const act = useMutation({
    mutationFn: async ({ hook, action }: { hook: Webhook; action: 'pause' | 'resume' | 'test' }) => {
      if (action === 'test') {
        await webhooksApi.test(hook.id);
        return `A test event is on its way to ${hook.name}; its delivery log shows how it went.`;
      }
      await (action === 'pause' ? webhooksApi.pause(hook.id) : webhooksApi.resume(hook.id));
      return action === 'pause' ? `${hook.name} is paused; its events wait until it is resumed.` : `${hook.name} is resumed; waiting events go now.`;
    },
    onSuccess: async (message) => {
      setNotice(message);
      await refresh();
    },
  });

  return (
    <>
      <PageHeader
        title="Webhooks"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Webhooks' }]}
        description="Other systems told of changes as they happen: each delivery is signed (docs/integrations.md), retried with backoff, and an endpoint that keeps failing is paused until you resume it."
        actions={<Button onClick={() => setEditing('new')}>New webhook</Button>}
      />
      <Stack gap="sm">
        {notice && (
          <Alert color="blue" variant="light" role="status" withCloseButton onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        <FormError error={act.error} />
        {hooks.error ? (
          <FormError error={hooks.error} />
        ) : !hooks.data ? (
          <Skeleton h={120} />
        ) : hooks.data.items.length === 0 ? (
          <EmptyState title="No webhooks yet">Add one with "New webhook" to tell another system, such as your ERP, of changes.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label="Webhooks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name and URL</Table.Th>
                  <Table.Th>Events</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Waiting</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {hooks.data.items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {h.name}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                        {h.url}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{h.event_types.map(eventLabel).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATE[h.status].color} variant="light" tt="none" radius="sm">
                        {STATE[h.status].label}
                      </Badge>
                      {h.status === 'paused' && (
                        <Text size="xs" c="orange" mt={2}>
                          {h.pause_reason}
                        </Text>
                      )}
                      {h.consecutive_failures > 0 && h.status !== 'paused' && (
                        <Text size="xs" c="dimmed" mt={2}>
                          {h.consecutive_failures} failed in a row
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{h.pending}</Table.Td>
                    <Table.Td>
                      <Group gap={6} maw={330}>
                        <Button size="compact-sm" variant="default" onClick={() => setEditing(h)}>
                          Edit
                        </Button>
                        <Button size="compact-sm" variant="default" onClick={() => setLog(h)}>
                          Deliveries
                        </Button>
                        {h.status === 'paused' ? (
                          <Button size="compact-sm" variant="default" color="blue" onClick={() => act.mutate({ hook: h, action: 'resume' })}>
                            Resume
                          </Button>
                        ) : (
                          h.status === 'active' && (
                            <Button size="compact-sm" variant="default" onClick={() => act.mutate({ hook: h, action: 'pause' })}>
                              Pause
                            </Button>
                          )
                        )}
                        <Button size="compact-sm" variant="default" onClick={() => act.mutate({ hook: h, action: 'test' })}>
                          Send test
                        </Button>
                        <ConfirmButton
                          size="compact-sm"
                          variant="default"
                          label="Delete"
                          title={`Delete the webhook ${h.name}?`}
                          onConfirm={async () => {
                            await webhooksApi.remove(h.id);
                            await refresh();
                          }}
                        >
                          Its waiting events and its delivery log are deleted with it; the audit trail keeps the subscription.
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <FormModal opened={!!editing} onClose={() => setEditing(null)} title={editing === 'new' ? 'New webhook' : `Edit ${editing?.name ?? ''}`} size="lg" centered>
        {editing && (
          <WebhookForm
            hook={editing === 'new' ? undefined : editing}
            onClose={() => setEditing(null)}
            onCreated={(c) => {
              setEditing(null);
              if (c) setCreated(c);
            }}
          />
        )}
      </FormModal>
      <ShownOnce title="The signing secret" secret={created?.secret ?? null} copyLabel="Copy secret" testId="webhook-secret" onDone={() => setCreated(null)}>
        This secret is shown only now. Give it to the receiving system: it checks every delivery&apos;s X-Qualtrack-Signature with it and refuses any that does
        not match.
      </ShownOnce>
      <Modal opened={!!log} onClose={() => setLog(null)} title={`Deliveries to ${log?.name ?? ''}`} size="xl" centered>
        {log && <DeliveryLog hook={log} />}
      </Modal>
    </>
  );
}

const FIELDS = ['name', 'url', 'event_types', 'active'] as const;

function WebhookForm({ hook, onClose, onCreated }: { hook?: Webhook; onClose: () => void; onCreated: (c: CreatedWebhook | null) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(hook?.name ?? '');
  const [url, setUrl] = useState(hook?.url ?? '');
  const [events, setEvents] = useState<string[]>(hook?.event_types ?? []);
  const [active, setActive] = useState(hook?.active ?? true);
  const save = useMutation({
    mutationFn: async () => {
      const body = { name, url, event_types: events as WebhookEventType[], active };
      if (hook) {
        await webhooksApi.update(hook.id, { ...body, version: hook.version });
        return null;
      }
      return webhooksApi.create(body);
    },
    onSuccess: async (c) => {
      await refreshAfter(queryClient, 'webhook');
      onCreated(c);
    },
  });
  const err = serverErrors(save.error, FIELDS);
  return (
    <ServerForm label={hook ? 'Edit webhook' : 'New webhook'} onSubmit={() => save.mutate()} gap="sm" error={save.error} shownFields={FIELDS} onReload={onClose}>
      <TextInput label="Name" description="The receiving system" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err.field('name')} />
      <TextInput
        label="URL"
        description="http or https; internal addresses only if the server's configuration allows them"
        required
        value={url}
        onChange={(e) => setUrl(e.currentTarget.value)}
        error={err.field('url')}
      />
      <Checkbox.Group label="Events" description="What the system is told of" required value={events} onChange={setEvents} error={err.field('event_types')}>
        <Stack gap={6} mt={6}>
          {WEBHOOK_EVENTS.map((e) => (
            <Checkbox key={e.type} value={e.type} label={e.label} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Checkbox label="Active: queue events for this endpoint" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
      <FormButtons submit={hook ? 'Save changes' : 'Create webhook'} pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}

function DeliveryLog({ hook }: { hook: Webhook }) {
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: [...webhooksQueryKey, hook.id, 'deliveries', page],
    queryFn: ({ signal }) => webhooksApi.deliveries(hook.id, { page, page_size: 50 }, signal),
  });
  if (log.error) return <FormError error={log.error} />;
  if (!log.data) return <Skeleton h={120} />;
  if (log.data.items.length === 0) return <Text size="sm">No delivery attempts yet.</Text>;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Delivery attempts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Attempted</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>Attempt</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Took</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{formatTimestamp(d.attempted_at)}</Table.Td>
                <Table.Td>
                  {eventLabel(d.event_type)}
                  <Text size="xs" c="dimmed">
                    {d.event_id}
                  </Text>
                </Table.Td>
                <Table.Td>{d.attempt}</Table.Td>
                <Table.Td>{d.status_code || 'No answer'}</Table.Td>
                <Table.Td>{d.duration_ms} ms</Table.Td>
                <Table.Td>
                  <Badge color={d.succeeded ? 'green' : 'red'} variant="light" tt="none" radius="sm">
                    {d.succeeded ? 'Delivered' : 'Failed'}
                  </Badge>
                  {d.error && (
                    <Text size="xs" c="red">
                      {d.error}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {log.data.total > log.data.page_size && (
        <Pagination total={Math.ceil(log.data.total / log.data.page_size)} value={page} onChange={setPage} aria-label="Delivery log pages" />
      )}
    </Stack>
  );
}
