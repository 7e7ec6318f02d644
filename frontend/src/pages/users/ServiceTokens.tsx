import { Badge, Button, Code, Group, Paper, Select, SimpleGrid, Skeleton, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { manufacturersApi, refreshAfter, serviceTokensApi, serviceTokensQueryKey, type CreatedServiceToken, type ServiceToken } from '../../api';
import { ConfirmButton, FormButtons, FormError, serverErrors, ServerForm } from '../../components/forms';
import { ShownOnce } from '../../components/ShownOnce';
import { FormModal } from '../../components/UnsavedChanges';
import { formatTimestamp } from '../../format/dates';

/** How long a new token lives; the server allows at most two years. */
const LIFETIMES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '730', label: '2 years' },
];

const ROLE_CHOICES = [
  { value: 'auditor', label: 'Read-only (auditor)' },
  { value: 'procurement', label: 'Read and write records (procurement)' },
];

const STATUS_COLOR: Record<ServiceToken['status'], string> = { active: 'green', expired: 'gray', revoked: 'red' };

/** The timestamp days from now, in UTC. */
export function expiryIn(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() + days * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Service tokens for integrations: created here, shown once, revoked here. */
export function ServiceTokens() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: serviceTokensQueryKey, queryFn: ({ signal }) => serviceTokensApi.list(signal) });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedServiceToken | null>(null);
  const refresh = () => refreshAfter(queryClient, 'service-token');
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start" mb={4}>
        <Title order={2} size="h4">
          Service tokens
        </Title>
        <Button size="compact-sm" onClick={() => setCreating(true)}>
          New service token
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        For other systems (an ERP, a BI tool) that read or write through the API with <Code>Authorization: Bearer qt_…</Code>. A token never administers; the audit trail names it as
        "token: name". See docs/integrations.md.
      </Text>
      {tokens.error ? (
        <FormError error={tokens.error} />
      ) : !tokens.data ? (
        <Skeleton h={60} />
      ) : tokens.data.items.length === 0 ? (
        <Text size="sm">No service tokens yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label="Service tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Access</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t.prefix}… created by {t.created_by || 'an administrator'} {formatTimestamp(t.created_at)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t.role === 'auditor' ? 'Read-only' : 'Read and write'}
                    <Text size="xs" c="dimmed">
                      {t.manufacturer_name ? `Only ${t.manufacturer_name}` : 'Every manufacturer'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[t.status]} variant="light" tt="none" radius="sm">
                      {t.status === 'active' ? 'Active' : t.status === 'expired' ? 'Expired' : 'Revoked'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatTimestamp(t.expires_at)}</Table.Td>
                  <Table.Td>{t.last_used_at ? formatTimestamp(t.last_used_at) : 'Never'}</Table.Td>
                  <Table.Td>
                    {t.status === 'active' && (
                      <ConfirmButton
                        size="compact-sm"
                        variant="default"
                        label="Revoke"
                        title={`Revoke the token ${t.name}?`}
                        onConfirm={async () => {
                          await serviceTokensApi.revoke(t.id);
                          await refresh();
                        }}
                      >
                        The system using it is refused from its next request. This cannot be undone; create a new token to give it access again.
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FormModal opened={creating} onClose={() => setCreating(false)} title="New service token" size="lg" centered>
        {creating && (
          <TokenForm
            onClose={() => setCreating(false)}
            onCreated={(t) => {
              setCreating(false);
              setCreated(t);
            }}
          />
        )}
      </FormModal>
      <ShownOnce title="The new service token" secret={created?.token ?? null} copyLabel="Copy token" testId="service-token-secret" onDone={() => setCreated(null)}>
        This token is shown only now and cannot be shown again. Copy it into the other system&apos;s secret store; anyone holding it can use the API as &quot;
        {created?.name}&quot;.
      </ShownOnce>
    </Paper>
  );
}

const FIELDS = ['name', 'role', 'manufacturer_id', 'expires_at'] as const;

function TokenForm({ onClose, onCreated }: { onClose: () => void; onCreated: (t: CreatedServiceToken) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'auditor' | 'procurement'>('auditor');
  const [manufacturer, setManufacturer] = useState<string | null>(null);
  const [lifetime, setLifetime] = useState('365');
  const manufacturers = useQuery({
    queryKey: ['manufacturers', 'token-scope-choices'],
    queryFn: ({ signal }) => manufacturersApi.list({ page_size: 200, sort: 'name' }, signal),
    enabled: role === 'auditor',
  });
  const save = useMutation({
    mutationFn: () =>
      serviceTokensApi.create({
        name,
        role,
        expires_at: expiryIn(Number(lifetime)),
        ...(role === 'auditor' && manufacturer ? { manufacturer_id: Number(manufacturer) } : {}),
      }),
    onSuccess: async (t) => {
      await refreshAfter(queryClient, 'service-token');
      onCreated(t);
    },
  });
  const err = serverErrors(save.error, FIELDS);
  return (
    <ServerForm label="New service token" onSubmit={() => save.mutate()} gap="sm" error={save.error} shownFields={FIELDS}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Name" description="The system that will use it, e.g. ERP vendor sync" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err.field('name')} />
        <Select
          label="Access"
          required
          data={ROLE_CHOICES}
          value={role}
          onChange={(v) => setRole((v as 'auditor' | 'procurement') ?? role)}
          allowDeselect={false}
          error={err.field('role')}
        />
        {role === 'auditor' && (
          <Select
            label="Manufacturer"
            description="Optional: limit it to one manufacturer's records"
            placeholder="Every manufacturer"
            data={(manufacturers.data?.items ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
            value={manufacturer}
            onChange={setManufacturer}
            searchable
            clearable
            error={err.field('manufacturer_id')}
          />
        )}
        <Select label="Expires in" required data={LIFETIMES} value={lifetime} onChange={(v) => setLifetime(v ?? lifetime)} allowDeselect={false} error={err.field('expires_at')} />
      </SimpleGrid>
      <FormButtons submit="Create token" pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}
