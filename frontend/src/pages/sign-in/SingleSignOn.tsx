import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { startSSO } from '../../api';
import { safeNextPath } from '../../components/redirect';

/** The web app's page the identity provider sends the browser back to (QUALTRACK_OIDC_REDIRECT_URL). */
export const SSO_CALLBACK_PATH = '/sso/callback';

const NEXT_KEY = 'qualtrack.sso.next';

/** Where to go after single sign-on: the page the sign-in was asked for, kept across the trip to the provider. */
export function nextAfterSSO(): string {
  return safeNextPath(sessionStorage.getItem(NEXT_KEY));
}

/** What the provider sent the browser back with: a code and state to complete the sign-in, or its refusal. */
export type ProviderAnswer = { code: string; state: string } | { error: string };

export function providerAnswer(params: URLSearchParams): ProviderAnswer | null {
  const error = params.get('error');
  if (error) return { error: params.get('error_description') || error };
  const code = params.get('code');
  const state = params.get('state');
  return code && state ? { code, state } : null;
}

/** "Sign in with <provider>": starts a sign-in on the server, then sends the browser to the provider. */
export function SSOButton({ providerName, next }: { providerName: string; next: string }) {
  const start = useMutation({
    mutationFn: startSSO,
    onSuccess: (answer) => {
      sessionStorage.setItem(NEXT_KEY, next);
      window.location.assign(answer.authorization_url);
    },
  });
  return (
    <Stack gap="xs">
      {start.error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {start.error.message}
        </Alert>
      )}
      <Button fullWidth variant="default" size="md" loading={start.isPending || start.isSuccess} onClick={() => start.mutate()}>
        Sign in with {providerName}
      </Button>
    </Stack>
  );
}
