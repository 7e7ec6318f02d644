import { Alert, Button, Code, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { supplierAccountsApi, type Site, type SupplierInvitation } from '../../api';
import { FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { useCurrentUser } from '../../components/CurrentUser';
import { FormModal } from '../../components/UnsavedChanges';
import { formatTimestamp } from '../../format/dates';

/**
 * The manufacturer's supplier accounts: who was invited to the supplier
 * portal, who has signed in, and an invitation form for admins and
 * managers. Without an SMTP server the link is shown once, to pass on.
 */
export function SupplierAccountsPanel({ manufacturerId, sites }: { manufacturerId: number; sites: Site[] }) {
  const me = useCurrentUser();
  const may = me.role === 'admin' || me.role === 'manager';
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const [sent, setSent] = useState<SupplierInvitation | null>(null);
  const users = useQuery({ queryKey: ['supplier-users', manufacturerId], queryFn: ({ signal }) => supplierAccountsApi.list(manufacturerId, signal), enabled: may });
  const reinvite = useMutation({
    mutationFn: (id: number) => supplierAccountsApi.reinvite(id),
    onSuccess: (inv) => setSent(inv),
  });
  if (!may) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="supplier-accounts">
      <Group justify="space-between">
        <Title order={2} size="h4" id="supplier-accounts">
          Supplier accounts
        </Title>
        <Button variant="default" onClick={() => setInviting(true)}>
          Invite a supplier
        </Button>
      </Group>
      {sent && <InvitationSent inv={sent} />}
      {reinvite.error && <Alert color="red">{reinvite.error.message}</Alert>}
      {users.data && users.data.items.length === 0 && <Text c="dimmed">Nobody of this manufacturer uses the supplier portal yet.</Text>}
      {users.data && users.data.items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>E-mail</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th>Invitation</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.items.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{u.last_login_at ? formatTimestamp(u.last_login_at) : 'Never'}</Table.Td>
                <Table.Td>
                  {!u.last_login_at && u.active && (
                    <Button size="xs" variant="default" onClick={() => reinvite.mutate(u.id)} loading={reinvite.isPending && reinvite.variables === u.id}>
                      New link for {u.name}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormModal opened={inviting} onClose={() => setInviting(false)} title="Invite a supplier" size="lg" centered>
        {inviting && (
          <InviteForm
            manufacturerId={manufacturerId}
            sites={sites}
            onClose={() => setInviting(false)}
            onSent={async (inv) => {
              setSent(inv);
              setInviting(false);
              await queryClient.invalidateQueries({ queryKey: ['supplier-users', manufacturerId] });
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}

function InvitationSent({ inv }: { inv: SupplierInvitation }) {
  return (
    <Alert color="green" title={`${inv.user.name} is invited`} role="status">
      {inv.emailed ? (
        <Text size="sm">The invitation was e-mailed to {inv.user.email}; its link works until {formatTimestamp(inv.invitation_expires_at)}.</Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm">
            No mail server is configured: pass this link to {inv.user.email} yourself. It is shown only now and works once, until {formatTimestamp(inv.invitation_expires_at)}.
          </Text>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {inv.invitation_url}
          </Code>
        </Stack>
      )}
    </Alert>
  );
}

type InvitationLanguage = 'en' | 'zh-CN';
const INVITATION_LANGUAGES: { value: InvitationLanguage; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '简体中文 (Simplified Chinese)' },
];

function InviteForm({ manufacturerId, sites, onClose, onSent }: { manufacturerId: number; sites: Site[]; onClose: () => void; onSent: (inv: SupplierInvitation) => Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [language, setLanguage] = useState<InvitationLanguage>('en');
  const save = useMutation({
    mutationFn: () =>
      supplierAccountsApi.invite({ email, name, manufacturer_id: manufacturerId, language, ...(siteIds.length ? { site_ids: siteIds.map(Number) } : {}) }),
    onSuccess: onSent,
  });
  const shown = ['name', 'email', 'site_ids', 'manufacturer_id', 'language'];
  const err = serverErrors(save.error, shown);
  return (
    <ServerForm label="Invite a supplier" onSubmit={() => save.mutate()} error={save.error} shownFields={shown}>
      <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err.field('name')} data-autofocus />
      <TextInput label="E-mail" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={err.field('email')} />
      <MultiSelect
        label="Only these sites"
        description="Leave empty for every site of the manufacturer."
        data={sites.map((s) => ({ value: String(s.id), label: `${s.code} · ${s.name}` }))}
        value={siteIds}
        onChange={setSiteIds}
        error={err.field('site_ids')}
      />
      <Select
        label="Language of the invitation"
        description="The invitation e-mail is written in it, and the person's portal and e-mails speak it until they choose."
        data={INVITATION_LANGUAGES}
        value={language}
        allowDeselect={false}
        onChange={(v) => v && setLanguage(v as InvitationLanguage)}
        error={err.field('language')}
      />
      <FormButtons submit="Send the invitation" pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}
