import { Alert, Button, Checkbox, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES, securitySettingsApi, securitySettingsQueryKey, type Role } from '../../api';
import { FormError } from '../../components/forms';
import { label } from '../../format/labels';

/** The admin setting that makes two-factor sign-in mandatory for roles. */
export function SignInSecurity() {
  const settings = useQuery({ queryKey: securitySettingsQueryKey, queryFn: ({ signal }) => securitySettingsApi.get(signal) });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb={4}>
        Two-factor sign-in
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Users of the roles ticked here must sign in with a code from an authenticator app. Those not set up yet are taken to the set-up page at their next sign-in and can open nothing else until it is done.
      </Text>
      {settings.data ? (
        <RolesForm saved={settings.data.require_totp_for} />
      ) : settings.error ? (
        <FormError error={settings.error} />
      ) : (
        <Skeleton h={60} />
      )}
    </Paper>
  );
}

function RolesForm({ saved }: { saved: Role[] }) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(saved);
  const save = useMutation({
    mutationFn: () => securitySettingsApi.put({ require_totp_for: roles as Role[] }),
    onSuccess: (data) => queryClient.setQueryData(securitySettingsQueryKey, data),
  });
  const changed = [...roles].sort().join(',') !== [...saved].sort().join(',');
  return (
    <form
      aria-label="Two-factor sign-in settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Checkbox.Group label="Required for" value={roles} onChange={setRoles}>
          <Group mt={6}>
            {ROLES.map((r) => (
              <Checkbox key={r} value={r} label={label(r)} />
            ))}
          </Group>
        </Checkbox.Group>
        <FormError error={save.error} />
        {save.isSuccess && !changed && (
          <Alert color="green" variant="light" role="status">
            Saved. {saved.length ? `Required for: ${saved.map(label).join(', ')}.` : 'Two-factor sign-in is optional for every role.'}
          </Alert>
        )}
        <Button type="submit" w="fit-content" disabled={!changed} loading={save.isPending}>
          Save two-factor settings
        </Button>
      </Stack>
    </form>
  );
}
