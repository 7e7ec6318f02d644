import { Anchor, Box, Button, Container, Group, Select, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Link, Outlet, useMatch, useNavigate } from 'react-router-dom';
import { isApiError, logout, meQueryKey, setLanguage, supplierApi } from '../../api';
import { useCurrentUser } from '../../components/CurrentUser';
import { chooseLanguage, chosenLanguage, LANGUAGES, type Language } from '../../i18n';
import { SupplierSettings } from './SupplierSettings';

/**
 * The supplier portal's frame: one column that reads on a phone, the
 * company's name, the language and sign-out. Its words go through i18next.
 */
export default function SupplierLayout() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const atHome = useMatch('/supplier') !== null;
  const home = useQuery({ queryKey: ['supplier', 'home'], queryFn: ({ signal }) => supplierApi.home(signal) });
  // The language chosen on the account wins over this device's and the browser's.
  const accountLanguage = chosenLanguage(me.language);
  useEffect(() => {
    if (accountLanguage && accountLanguage !== i18n.language) chooseLanguage(accountLanguage);
  }, [accountLanguage, i18n.language]);
  const saveLanguage = useMutation({
    mutationFn: (lang: Language) => setLanguage(lang),
    onSuccess: (updated) => queryClient.setQueryData(meQueryKey, updated),
  });
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: (_data, error) => {
      if (error && !isApiError(error, 401)) return;
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      void navigate('/sign-in', { replace: true });
    },
  });
  return (
    <Box lang={i18n.language} mih="100vh" bg="gray.0">
      <Box component="header" bg="white" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Box miw={0}>
              <Anchor component={Link} to="/supplier" fw={700} c="dark">
                {t('portal')}
              </Anchor>
              {home.data && (
                <Text size="sm" c="dimmed" truncate>
                  {home.data.manufacturer.name}
                </Text>
              )}
            </Box>
            <Group gap="xs" wrap="nowrap">
              <Select
                aria-label={t('language')}
                size="xs"
                w={110}
                data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
                value={i18n.language}
                onChange={(v) => {
                  if (!v) return;
                  chooseLanguage(v as Language);
                  saveLanguage.mutate(v as Language);
                }}
                allowDeselect={false}
              />
              <Button variant="default" size="xs" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                {t('signOut')}
              </Button>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="sm" py="md" component="main">
        <Outlet />
        {atHome && (
          <Box mt="xl">
            <SupplierSettings />
          </Box>
        )}
      </Container>
    </Box>
  );
}
