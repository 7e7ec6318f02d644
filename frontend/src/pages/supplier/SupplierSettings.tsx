import { Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_CHANNELS, notificationsApi, type NotificationChannel } from '../../api';
import { FormError } from '../../components/forms';

/**
 * The supplier's own settings, where its e-mails' footer links to
 * (/supplier#settings): how it hears of the answers due from it. The
 * language is chosen in the portal's header.
 */
export function SupplierSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['me', 'notification-preferences'];
  const prefs = useQuery({ queryKey: key, queryFn: ({ signal }) => notificationsApi.preferences(signal) });
  const save = useMutation({
    mutationFn: (channel: NotificationChannel) => notificationsApi.setPreferences({ answer_due: channel }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  return (
    <Paper withBorder p="md" component="section" id="settings" aria-labelledby="supplier-settings">
      <Stack gap="sm">
        <Title order={2} size="h4" id="supplier-settings">
          {t('settings.title')}
        </Title>
        <FormError error={prefs.error ?? save.error} />
        {prefs.data && (
          <Select
            label={t('settings.reminders')}
            description={t('settings.remindersHelp')}
            data={NOTIFICATION_CHANNELS.map((c) => ({ value: c, label: t(`settings.${c}`) }))}
            value={prefs.data.preferences.answer_due ?? null}
            allowDeselect={false}
            onChange={(v) => v && save.mutate(v as NotificationChannel)}
          />
        )}
        {save.isSuccess && (
          <Text size="sm" c="green.8" role="status">
            {t('settings.saved')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
