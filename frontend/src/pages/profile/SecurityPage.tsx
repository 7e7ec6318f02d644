import { Alert, Button, Code, Group, Image, List, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError, meQueryKey, totpApi } from '../../api';
import { FormError, serverErrors } from '../../components/forms';
import { useCurrentUser } from '../../components/CurrentUser';
import { PageHeader } from '../../components/PageHeader';

/** /profile/security: set up and turn off two-factor sign-in. */
export default function SecurityPage() {
  const me = useCurrentUser();
  // Which sections show follows the account's state, except that the one
  // just used stays to show its outcome (the recovery codes, shown once).
  const [changed, setChanged] = useState<'enabled' | 'disabled' | null>(null);
  const on = me.totp_enabled === true;
  return (
    <>
      <PageHeader title="Two-factor sign-in" breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Profile' }, { label: 'Security' }]} />
      <Stack gap="lg">
        {me.totp_enrolment_required && (
          <Alert color="blue" variant="light" title="Set up two-factor sign-in to continue">
            Your role must sign in with a code from an authenticator app as well as the password. Once it is set up, every screen opens.
          </Alert>
        )}
        {changed === null && (
          <Text size="sm" role="status">
            Two-factor sign-in is <strong>{on ? 'on' : 'off'}</strong> for your account.
          </Text>
        )}
        {(!on || changed === 'enabled') && <Enrol onEnabled={() => setChanged('enabled')} />}
        {(on || changed === 'disabled') && changed !== 'enabled' && <Disable onDisabled={() => setChanged('disabled')} />}
      </Stack>
    </>
  );
}

function Enrol({ onEnabled }: { onEnabled: () => void }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const enrol = useMutation({ mutationFn: () => totpApi.enrol(password) });
  const confirm = useMutation({
    mutationFn: () => totpApi.confirm(code.trim()),
    onSuccess: async () => {
      onEnabled();
      // A session that could only enrol is now a full one.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
  const secret = enrol.data;
  const codes = confirm.data?.recovery_codes;
  const err = serverErrors(confirm.error, ['code']);
  const enrolErr = serverErrors(enrol.error, ['password']);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Set up two-factor sign-in
      </Title>
      {codes ? (
        <Stack gap="sm">
          <Alert color="green" variant="light" title="Two-factor sign-in is on">
            Keep these recovery codes somewhere safe: each signs you in once if you lose your phone. They are shown only this once.
          </Alert>
          <List aria-label="Recovery codes" spacing={4}>
            {codes.map((c) => (
              <List.Item key={c}>
                <Code fz="md">{c}</Code>
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : !secret ? (
        <form
          aria-label="Set up two-factor sign-in"
          onSubmit={(e) => {
            e.preventDefault();
            enrol.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              After your password, sign-in will ask for a code from an authenticator app on your phone. Confirm with your password to start; your other
              sessions end once it is on.
            </Text>
            {isApiError(enrol.error, 409) ? (
              <Alert color="blue" variant="light">
                Two-factor sign-in is already on for your account.
              </Alert>
            ) : (
              <FormError error={enrol.error} shownFields={['password']} />
            )}
            <Group align="flex-end">
              <PasswordInput
                label="Your password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={enrolErr.field('password')}
                w={260}
              />
              <Button type="submit" loading={enrol.isPending}>
                Set up two-factor sign-in
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <form
          aria-label="Confirm two-factor sign-in"
          onSubmit={(e) => {
            e.preventDefault();
            confirm.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">Scan the QR code with your authenticator app, or type the secret into it. Then enter the code it shows.</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Image src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(secret.qr_svg)}`} alt="QR code for your authenticator app" w={200} h={200} fit="contain" />
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  Secret
                </Text>
                <Code fz="md" data-testid="totp-secret" style={{ overflowWrap: 'anywhere' }}>
                  {secret.secret}
                </Code>
              </Stack>
            </SimpleGrid>
            <FormError error={confirm.error} shownFields={['code']} />
            <Group align="flex-end">
              <TextInput label="Code from the app" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={err.field('code')} />
              <Button type="submit" loading={confirm.isPending}>
                Turn on two-factor sign-in
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function Disable({ onDisabled }: { onDisabled: () => void }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = useMutation({
    mutationFn: () => totpApi.disable(password, code.trim()),
    onSuccess: async () => {
      onDisabled();
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
  const err = serverErrors(disable.error, ['password', 'code']);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Turn off two-factor sign-in
      </Title>
      {disable.isSuccess ? (
        <Alert color="yellow" variant="light" role="status">
          Two-factor sign-in is off. Sign-in asks only for your password.
        </Alert>
      ) : !open ? (
        <Button w="fit-content" color="red" variant="light" onClick={() => setOpen(true)}>
          Turn off two-factor sign-in
        </Button>
      ) : (
        <form
          aria-label="Turn off two-factor sign-in"
          onSubmit={(e) => {
            e.preventDefault();
            disable.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">Confirm with your password and a current code. Your account is then protected by the password alone.</Text>
            <FormError error={disable.error} shownFields={['password', 'code']} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PasswordInput label="Password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={err.field('password')} />
              <TextInput label="Current code" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={err.field('code')} />
            </SimpleGrid>
            <Group>
              <Button variant="default" onClick={() => setOpen(false)}>
                Keep it on
              </Button>
              <Button type="submit" color="red" loading={disable.isPending}>
                Turn off
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
