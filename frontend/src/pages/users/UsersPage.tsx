import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { FormModal } from '../../components/UnsavedChanges';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ServiceTokens } from './ServiceTokens';
import { SignInSecurity } from './SignInSecurity';
import { manufacturersApi, ROLES, STAFF_ROLES, usersApi, type Role, type User, refreshAfter } from '../../api';
import { useCurrentUser } from '../../components/CurrentUser';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmButton, DateField, FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { SearchInput } from '../../components/SearchInput';
import { useListScreen } from '../../components/useListScreen';
import { PageHeader } from '../../components/PageHeader';
import { formatTimestamp } from '../../format/dates';
import { label, options } from '../../format/labels';

const FILTERS = ['q', 'role', 'active'] as const;

/** A random password of 20 URL-safe characters, like the server's. */
export function generatePassword(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An access end date (YYYY-MM-DD) as the end of that day in the user's time zone, in UTC. */
export function accessEndTimestamp(date: string): string | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

function accessEndDate(ts: string | null): string {
  if (!ts) return '';
  const d = new Date(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export default function UsersPage() {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { list, q, setQ, table } = useListScreen('users', FILTERS, 'name', (params, signal) => usersApi.list(params, signal));
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [shownPassword, setShownPassword] = useState<{ email: string; password: string } | null>(null);
  const refresh = () => refreshAfter(queryClient, 'user');

  return (
    <>
      <PageHeader
        title="Users"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Users' }]}
        description="Who can sign in and what their role lets them do. Auditors read everything and change nothing, often for a limited time."
        actions={<Button onClick={() => setCreating(true)}>New user</Button>}
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end">
          <SearchInput placeholder="Name or e-mail" value={q} onChange={setQ} width={240} />
          <Select label="Role" placeholder="Any" data={options(ROLES)} value={list.filters.role || null} onChange={(v) => list.setFilter('role', v)} clearable w={150} />
          <Select
            label="State"
            placeholder="Any"
            data={[
              { value: 'true', label: 'Active' },
              { value: 'false', label: 'Disabled' },
            ]}
            value={list.filters.active || null}
            onChange={(v) => list.setFilter('active', v)}
            clearable
            w={130}
          />
        </Group>
        <DataTable
          {...table}
          caption="Users"
          rowKey={(u) => u.id}
          empty={<EmptyState title="No user matches">Change the search, or add a user with "New user".</EmptyState>}
          columns={[
            {
              key: 'name',
              header: 'Name and e-mail',
              sortKey: 'name',
              render: (u) => (
                <>
                  <Text size="sm" fw={600}>
                    {u.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {u.email}
                  </Text>
                </>
              ),
            },
            {
              key: 'role',
              header: 'Role',
              sortKey: 'role',
              render: (u) => (
                <>
                  {label(u.role)}
                  {u.role === 'auditor' && !!u.scope_manufacturer_ids?.length && (
                    <Text size="xs" c="dimmed">
                      {u.scope_manufacturer_ids.length} manufacturer{u.scope_manufacturer_ids.length === 1 ? '' : 's'} in scope
                    </Text>
                  )}
                </>
              ),
            },
            {
              key: 'state',
              header: 'State',
              render: (u) => (
                <>
                  <Badge color={u.active ? 'green' : 'gray'} variant="light" tt="none" radius="sm">
                    {u.active ? 'Active' : 'Disabled'}
                  </Badge>
                  {u.access_expires_at && (
                    <Text size="xs" c="dimmed" mt={2}>
                      Access ends {formatTimestamp(u.access_expires_at)}
                    </Text>
                  )}
                  {u.email_refused_at && (
                    <Text size="xs" c="red" mt={2} title={u.email_refusal}>
                      E-mail refused {formatTimestamp(u.email_refused_at)}: {u.email_refusal}. Reminders are in the app only until the address changes.
                    </Text>
                  )}
                </>
              ),
            },
            { key: 'totp', header: 'Two-factor', render: (u) => (u.totp_enabled ? 'On' : 'Off') },
            { key: 'login', header: 'Last sign-in', sortKey: 'last_login_at', render: (u) => formatTimestamp(u.last_login_at), wide: true },
            {
              key: 'actions',
              header: 'Actions',
              render: (u) => (
                // Up to five actions: they wrap rather than push the other columns out of view.
                <Group gap={6} maw={300}>
                  <Button size="compact-sm" variant="default" onClick={() => setEditing(u)}>
                    Edit
                  </Button>
                  {u.id !== me.id && (
                    <ConfirmButton
                      size="compact-sm"
                      variant="default"
                      color={u.active ? 'orange' : 'blue'}
                      label={u.active ? 'Disable' : 'Enable'}
                      title={`${u.active ? 'Disable' : 'Enable'} ${u.name}?`}
                      onReload={() => void refresh()}
                      onConfirm={async () => {
                        await usersApi.update(u.id, { version: u.version, active: !u.active });
                        await refresh();
                      }}
                    >
                      {u.active ? 'They are signed out at once and cannot sign in until enabled again. Their records and history stay.' : 'They can sign in again with their password.'}
                    </ConfirmButton>
                  )}
                  <ConfirmButton
                    size="compact-sm"
                    variant="default"
                    color="blue"
                    label="Reset password"
                    title={`Reset the password of ${u.name}?`}
                    onReload={() => void refresh()}
                    onConfirm={async () => {
                      const password = generatePassword();
                      await usersApi.update(u.id, { version: u.version, password });
                      await refresh();
                      setShownPassword({ email: u.email, password });
                    }}
                  >
                    A new password is generated and shown once; their sessions end. Give it to them in person or over a channel you trust.
                  </ConfirmButton>
                  {u.totp_enabled && (
                    <ConfirmButton
                      size="compact-sm"
                      variant="default"
                      color="orange"
                      label="Reset two-factor"
                      title={`Reset the two-factor sign-in of ${u.name}?`}
                      onConfirm={async () => {
                        await usersApi.resetTotp(u.id);
                        await refresh();
                      }}
                    >
                      For a lost phone: two-factor sign-in is turned off and their sessions end; they set it up again after signing in with their password.
                    </ConfirmButton>
                  )}
                </Group>
              ),
            },
          ]}
        />
        <SignInSecurity />
        <ServiceTokens />
      </Stack>
      <FormModal opened={creating} onClose={() => setCreating(false)} title="New user" size="lg" centered>
        {creating && (
          <UserForm
            onClose={() => setCreating(false)}
            onCreated={(email, password) => {
              setCreating(false);
              if (password) setShownPassword({ email, password });
            }}
          />
        )}
      </FormModal>
      <FormModal opened={!!editing} onClose={() => setEditing(null)} title={`Edit ${editing?.name ?? ''}`} size="lg" centered>
        {editing && <UserForm user={editing} onClose={() => setEditing(null)} onCreated={() => setEditing(null)} />}
      </FormModal>
      <Modal opened={!!shownPassword} onClose={() => setShownPassword(null)} title="Password for the new sign-in" centered closeOnClickOutside={false}>
        {shownPassword && (
          <Stack gap="sm">
            <Alert color="yellow" variant="light">
              This password is shown only now. Copy it and hand it over; they can change it under "Change password".
            </Alert>
            <Text size="sm">
              User: <b>{shownPassword.email}</b>
            </Text>
            <Code block fz="lg" data-testid="generated-password">
              {shownPassword.password}
            </Code>
            <Group justify="flex-end">
              <CopyButton value={shownPassword.password}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy password'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => setShownPassword(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

const FIELDS = ['email', 'name', 'role', 'password', 'access_expires_at', 'active', 'scope_manufacturer_ids'] as const;

function UserForm({ user, onClose, onCreated }: { user?: User; onClose: () => void; onCreated: (email: string, password: string | null) => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'procurement');
  const [password, setPassword] = useState('');
  const [accessEnd, setAccessEnd] = useState(accessEndDate(user?.access_expires_at ?? null));
  const initialScope = (user?.scope_manufacturer_ids ?? []).map(String);
  const [scope, setScope] = useState<string[]>(initialScope);
  const manufacturers = useQuery({
    queryKey: ['manufacturers', 'scope-choices'],
    queryFn: ({ signal }) => manufacturersApi.list({ page_size: 200, sort: 'name' }, signal),
    enabled: role === 'auditor',
  });
  const save = useMutation({
    mutationFn: async () => {
      const access = accessEnd ? accessEndTimestamp(accessEnd) : null;
      if (user) {
        const body: Parameters<typeof usersApi.update>[1] = { version: user.version };
        if (email !== user.email) body.email = email;
        if (name !== user.name) body.name = name;
        if (role !== user.role) body.role = role;
        if (accessEnd !== accessEndDate(user.access_expires_at)) body.access_expires_at = access;
        if (role === 'auditor' && [...scope].sort().join() !== [...initialScope].sort().join()) body.scope_manufacturer_ids = scope.map(Number);
        await usersApi.update(user.id, body);
        return null;
      }
      const created = await usersApi.create({
        email,
        name,
        role,
        ...(password ? { password } : {}),
        ...(access ? { access_expires_at: access } : {}),
        ...(role === 'auditor' && scope.length ? { scope_manufacturer_ids: scope.map(Number) } : {}),
      });
      return created.generated_password ?? null;
    },
    onSuccess: async (generated) => {
      await refreshAfter(queryClient, 'user');
      onCreated(email, generated);
    },
  });
  const err = serverErrors(save.error, FIELDS);
  return (
    <ServerForm label={user ? 'Edit user' : 'New user'} onSubmit={() => save.mutate()} gap="sm" error={save.error} shownFields={FIELDS} onReload={onClose}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err.field('name')} />
        <TextInput label="E-mail" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={err.field('email')} />
        <Select label="Role" required data={options(user?.role === 'supplier' ? ROLES : STAFF_ROLES)} value={role} onChange={(v) => setRole((v as Role) ?? role)} allowDeselect={false} error={err.field('role')} />
        <DateField
          label="Access ends"
          description={role === 'auditor' ? 'The last day this auditor can sign in' : 'Optional: the last day of access'}
          value={accessEnd}
          onChange={setAccessEnd}
          error={err.field('access_expires_at')}
        />
      </SimpleGrid>
      {role === 'auditor' && (
        <MultiSelect
          label="Manufacturers in scope"
          description={user ? 'Leave empty for every manufacturer. A change signs the auditor out.' : 'Leave empty for every manufacturer.'}
          placeholder={scope.length ? undefined : 'Every manufacturer'}
          data={(manufacturers.data?.items ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
          value={scope}
          onChange={setScope}
          searchable
          error={err.field('scope_manufacturer_ids')}
        />
      )}
      {!user && (
        <PasswordInput
          label="Password"
          description="Leave empty to generate one; it is shown once after saving"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={err.field('password')}
          autoComplete="new-password"
        />
      )}
      <FormButtons submit={user ? 'Save changes' : 'Create user'} pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}
