import { Alert, Box, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, finishSSO, isApiError, login, loginTotp, meQuery, meQueryKey, signInMethodsQuery, type LoginAnswer, type LoginRequest } from '../../api';
import { FullPageLoader } from '../../components/FullPageMessage';
import { Logo } from '../../components/Logo';
import { safeNextPath } from '../../components/redirect';
import { signInErrorMessage } from './signInError';
import { nextAfterSSO, providerAnswer, SSO_CALLBACK_PATH, SSOButton } from './SingleSignOn';
import { useCountdown } from './useCountdown';

export default function SignInPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  // Back from the identity provider: complete that sign-in.
  const answer = location.pathname === SSO_CALLBACK_PATH ? providerAnswer(params) : null;
  const next = answer ? nextAfterSSO() : safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery);
  const methods = useQuery(signInMethodsQuery);
  const [adminSignIn, setAdminSignIn] = useState(false);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryUntil);

  useEffect(() => {
    document.title = 'Sign in · qualtrack';
  }, []);

  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');

  const signIn = useMutation({
    mutationFn: (credentials: LoginRequest | { challenge: string; code: string } | { code: string; state: string }): Promise<LoginAnswer> => {
      if ('state' in credentials) return finishSSO(credentials);
      if ('challenge' in credentials) {
        const c = credentials.code.trim();
        return /^\d{6}$/.test(c) ? loginTotp({ challenge: credentials.challenge, code: c }) : loginTotp({ challenge: credentials.challenge, recovery_code: c });
      }
      return login(credentials);
    },
    onSuccess: async (answer) => {
      if (answer.totp_required && answer.challenge) {
        // The password was right; the second factor starts the session.
        setChallenge(answer.challenge);
        setCode('');
        return;
      }
      // Another user may have used this tab: forget their cached records.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      const user = await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
      if (!user) {
        throw new ApiError(
          0,
          'cookie_refused',
          'Signed in, but the browser did not keep the session cookie. Use the address your administrator gave you (https in production).',
        );
      }
      const first = answer.password_change_required ? '/account/password' : answer.totp_enrolment_required ? '/profile/security' : next;
      await navigate(first, { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 429) && error.retryAfter !== null) {
        setRetryUntil(Date.now() + error.retryAfter * 1000);
      } else {
        setRetryUntil(null);
      }
    },
  });

  // The state works once: send it once, also when React runs effects twice.
  const sent = useRef(false);
  useEffect(() => {
    if (!answer || 'error' in answer || sent.current) return;
    sent.current = true;
    signIn.mutate(answer);
  }, [answer, signIn]);

  if (me.isPending || (answer && !('error' in answer) && !signIn.isError)) return <FullPageLoader />;
  if (me.data && !signIn.isPending) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (challenge) {
      if (code.trim() === '') {
        setMissing({ email: 'Enter the code from your authenticator app or a recovery code.' });
        return;
      }
      signIn.mutate({ challenge, code });
      return;
    }
    const problems: typeof missing = {};
    if (email.trim() === '') problems.email = 'Enter your email address.';
    if (password === '') problems.password = 'Enter your password.';
    setMissing(problems);
    if (problems.email || problems.password) return;
    signIn.mutate({ email: email.trim(), password });
  };

  const serverFields = isApiError(signIn.error) ? signIn.error.fields : {};
  const providerName = methods.data?.sso?.provider_name;
  const message =
    answer && 'error' in answer
      ? `${providerName ?? 'The identity provider'} did not sign you in: ${answer.error}`
      : signInErrorMessage(signIn.error, secondsLeft);
  // With password sign-in off, the form is only for the break-glass
  // administrator, behind a link.
  const passwordForm = methods.data?.password !== false || adminSignIn;
  const waiting = secondsLeft !== null && secondsLeft > 0;

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Box w="100%" maw={400}>
        <Stack align="center" gap={6} mb="lg">
          <Logo size={40} />
          <Title order={1} size="h2" ta="center">
            Sign in to qualtrack
          </Title>
          <Text size="sm" c="dimmed" ta="center">
            Contract-manufacturer qualification
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={onSubmit} noValidate aria-label="Sign in">
            <Stack gap="md">
              {message && (
                <Alert
                  color={isApiError(signIn.error, 429) ? 'orange' : 'red'}
                  variant="light"
                  icon={<IconAlertCircle size={18} />}
                  role="alert"
                  aria-live="assertive"
                >
                  {message}
                </Alert>
              )}
              {challenge ? (
                <>
                  <Text size="sm">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</Text>
                  <TextInput
                    label="Authentication code"
                    name="one-time-code"
                    autoComplete="one-time-code"
                    autoFocus
                    size="md"
                    value={code}
                    onChange={(e) => setCode(e.currentTarget.value)}
                    error={missing.email ?? serverFields.code ?? serverFields.recovery_code}
                  />
                  <Button type="submit" fullWidth loading={signIn.isPending} disabled={waiting} mt={4}>
                    Verify
                  </Button>
                  <Button
                    variant="subtle"
                    fullWidth
                    onClick={() => {
                      setChallenge(null);
                      setMissing({});
                      signIn.reset();
                    }}
                  >
                    Back to sign-in
                  </Button>
                </>
              ) : (
                <>
              {providerName && <SSOButton providerName={providerName} next={next} />}
              {providerName && passwordForm && <Divider label="or" labelPosition="center" />}
              {!passwordForm && (
                <Button variant="subtle" size="xs" onClick={() => setAdminSignIn(true)}>
                  Administrator sign-in
                </Button>
              )}
              {passwordForm && (
                <>
              <TextInput
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={missing.email ?? serverFields.email}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={missing.password ?? serverFields.password}
                // Mantine's PasswordInput does not set aria-invalid itself.
                aria-invalid={!!(missing.password ?? serverFields.password)}
              />
              <Button type="submit" fullWidth loading={signIn.isPending} disabled={waiting} mt={4}>
                Sign in
              </Button>
                </>
              )}
                </>
              )}
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          Accounts are created by an administrator. Forgot your password? Ask one to reset it.
        </Text>
      </Box>
    </Center>
  );
}
