import { Alert, Anchor, Button, Container, Paper, PasswordInput, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { acceptInvitation } from '../../api';
import { serverErrors } from '../../components/forms';
import { chooseLanguage, chosenLanguage, LANGUAGES, type Language } from '../../i18n';

/**
 * The page an invitation link opens: the token is in the fragment (never
 * sent to a server by the browser), the person chooses a password, then
 * signs in. The page opens in the invitation's language (?lang= in the
 * link) before the device's or the browser's; the selector changes it.
 */
export default function InvitationPage() {
  const { t, i18n } = useTranslation();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const { search } = useLocation();
  // Read once, as the page opens: a language chosen here afterwards stays.
  const [linked] = useState(() => chosenLanguage(new URLSearchParams(search).get('lang')));
  useEffect(() => {
    if (linked && i18n.language !== linked) {
      void i18n.changeLanguage(linked);
      document.documentElement.lang = linked;
    }
  }, [linked, i18n]);
  const [password, setPassword] = useState('');
  const accept = useMutation({ mutationFn: () => acceptInvitation(token, password, i18n.language) });
  const err = serverErrors(accept.error, ['password', 'token']);
  return (
    <Container size={420} py="xl" lang={i18n.language}>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Select
            aria-label={t('language')}
            size="xs"
            w={120}
            data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
            value={i18n.language}
            onChange={(v) => v && chooseLanguage(v as Language)}
            allowDeselect={false}
          />
          <Title order={1} size="h3">
            {t('invitation.title')}
          </Title>
          {!token && <Alert color="red">{t('invitation.missing')}</Alert>}
          {accept.data ? (
            <Alert color="green" role="status">
              <Text size="sm">{t('invitation.done', { email: accept.data.email })}</Text>
              <Anchor component={Link} to="/sign-in" size="sm">
                {t('invitation.signIn')}
              </Anchor>
            </Alert>
          ) : (
            <Stack
              gap="sm"
              component="form"
              onSubmit={(e) => {
                e.preventDefault();
                accept.mutate();
              }}
            >
              <Text size="sm">{t('invitation.intro')}</Text>
              <PasswordInput
                label={t('invitation.password')}
                required
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={err.field('password')}
              />
              {err.field('token') && (
                <Alert color="red" role="alert">
                  {err.field('token')}
                </Alert>
              )}
              <Button type="submit" loading={accept.isPending} disabled={!token}>
                {t('invitation.save')}
              </Button>
            </Stack>
          )}
        </Stack>
      </Paper>
    </Container>
  );
}
