import { Alert, Button, Group, Paper, PasswordInput, Stack } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { changePassword, isApiError, meQueryKey, type ChangePasswordRequest } from '../../api';
import { useCurrentUser } from '../../components/CurrentUser';
import { PageHeader } from '../../components/PageHeader';

type Field = keyof ChangePasswordRequest;

export default function ChangePasswordPage() {
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const [form, setForm] = useState<ChangePasswordRequest>({ current_password: '', new_password: '' });
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});

  const save = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setForm({ current_password: '', new_password: '' });
      // The server renewed the session cookie; the user record changed too.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });

  const serverFields = isApiError(save.error) ? save.error.fields : {};
  const fieldError = (name: Field) => missing[name] ?? serverFields[name];
  // A message not tied to a field we show (or no fields at all) goes in the alert.
  const shownFieldErrors = (['current_password', 'new_password'] as const).some((f) => serverFields[f]);
  const formError = save.error && !shownFieldErrors ? save.error.message : null;

  const set = (name: Field) => (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [name]: value }));
    setMissing((m) => ({ ...m, [name]: undefined }));
    if (save.isSuccess || save.isError) save.reset();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (form.current_password === '') problems.current_password = 'Enter your current password.';
    if (form.new_password === '') problems.new_password = 'Enter a new password.';
    else if (form.new_password === form.current_password) problems.new_password = 'Choose a password different from the current one.';
    setMissing(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(form);
  };

  return (
    <>
      <PageHeader title="Change password" breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Account' }, { label: 'Change password' }]} />
      <Paper withBorder p="lg" maw={480}>
        <form onSubmit={onSubmit} noValidate aria-label="Change password">
          <Stack gap="md">
            {me.must_change_password && !save.isSuccess && (
              <Alert color="blue" variant="light" title="Choose your own password to continue">
                An administrator set the password you signed in with. Replace it with one only you know; then every screen opens.
              </Alert>
            )}
            {save.isSuccess && (
              <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} role="status">
                Your password was changed. Use the new one the next time you sign in.
              </Alert>
            )}
            {formError && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {formError}
              </Alert>
            )}
            <PasswordInput
              label="Current password"
              name="current_password"
              autoComplete="current-password"
              value={form.current_password}
              onChange={set('current_password')}
              error={fieldError('current_password')}
              // Mantine's PasswordInput does not set aria-invalid itself.
              aria-invalid={!!fieldError('current_password')}
            />
            <PasswordInput
              label="New password"
              name="new_password"
              autoComplete="new-password"
              description="Use a long passphrase you do not use anywhere else."
              value={form.new_password}
              onChange={set('new_password')}
              error={fieldError('new_password')}
              // Mantine's PasswordInput does not set aria-invalid itself.
              aria-invalid={!!fieldError('new_password')}
            />
            <Group justify="flex-end" mt={4}>
              <Button type="submit" loading={save.isPending}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
