import { Alert, Button, CopyButton, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { calendarTokenApi, NOTIFICATION_CHANNELS, notificationsApi, REMINDER_KINDS, type NotificationChannel, type ReminderKind } from '../../api';
import { ConfirmButton, FormError, serverErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { formatTimestamp } from '../../format/dates';

const KIND_LABELS: Record<ReminderKind, string> = {
  certificate_expiry: 'Certificate expiring',
  inspection_due: 'Inspection due',
  finding_overdue: 'Finding overdue',
  conditional_ending: 'Conditional approval ending',
  supplier_answer: 'Supplier answer or questionnaire to review',
  answer_due: 'Answer or questionnaire due from a supplier',
};
const CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: 'E-mail digest and in the app',
  in_app: 'In the app only',
  off: 'Off',
};

/** /profile/notifications (the e-mail footer links here): channels per kind and the calendar feed. */
export default function NotificationSettingsPage() {
  return (
    <>
      <PageHeader title="Notification settings" breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Notifications', to: '/notifications' }, { label: 'Settings' }]} />
      <Stack gap="lg">
        <Preferences />
        <CalendarFeed />
      </Stack>
    </>
  );
}

function Preferences() {
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: ['me', 'notification-preferences'], queryFn: ({ signal }) => notificationsApi.preferences(signal) });
  const [changed, setChanged] = useState<Partial<Record<ReminderKind, NotificationChannel>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => notificationsApi.setPreferences(changed),
    onSuccess: (data) => {
      queryClient.setQueryData(['me', 'notification-preferences'], data);
      setChanged({});
      setSaved(true);
    },
  });
  const err = serverErrors(save.error, REMINDER_KINDS.map((k) => `preferences.${k}`));
  const p = prefs.data;
  // The kinds this user's role hears of: the server sends a default for each.
  const kinds = REMINDER_KINDS.filter((k) => p?.defaults[k] !== undefined);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        How you hear of reminders
      </Title>
      <FormError error={prefs.error} />
      {p && (
        <form
          aria-label="Notification preferences"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="md">
            {!p.email_available && (
              <Alert color="yellow" variant="light">
                This server sends no e-mail: e-mail reminders appear in the app only.
              </Alert>
            )}
            <FormError error={save.error} shownFields={REMINDER_KINDS.map((k) => `preferences.${k}`)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {kinds.map((k) => (
                <Select
                  key={k}
                  label={KIND_LABELS[k]}
                  description={`Your role's default: ${CHANNEL_LABELS[p.defaults[k] ?? 'off']}`}
                  data={NOTIFICATION_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
                  value={changed[k] ?? p.preferences[k] ?? null}
                  allowDeselect={false}
                  onChange={(v) => {
                    setSaved(false);
                    if (v) setChanged((c) => ({ ...c, [k]: v as NotificationChannel }));
                  }}
                  error={err.field(`preferences.${k}`)}
                />
              ))}
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={save.isPending} disabled={Object.keys(changed).length === 0}>
                Save preferences
              </Button>
              {saved && (
                <Text size="sm" c="green.8" role="status">
                  Preferences saved.
                </Text>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function CalendarFeed() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['me', 'calendar-token'], queryFn: ({ signal }) => calendarTokenApi.status(signal) });
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: calendarTokenApi.reset,
    onSuccess: async (r) => {
      setUrl(r.url);
      await queryClient.invalidateQueries({ queryKey: ['me', 'calendar-token'] });
    },
  });
  const s = status.data;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Calendar feed
      </Title>
      <Text size="sm" mb="xs">
        Subscribe in Outlook, Google Calendar or Apple Calendar to see planned inspections, inspections due with none planned, certificate expiries,
        finding due dates and conditional approvals ending.
      </Text>
      <Text size="sm" c="dimmed" mb="sm" data-testid="calendar-cloud-note">
        Cloud calendars (Google Calendar, Outlook.com, iCloud) fetch the feed from their own servers, not from your computer: they can only subscribe when
        qualtrack is reachable from the internet at this address, and they refresh on their own schedule, often only every few hours. A desktop calendar
        app on your network fetches it directly.
      </Text>
      <FormError error={status.error ?? create.error} />
      {s && (
        <Stack gap="sm">
          <Text size="sm" data-testid="calendar-token-status">
            {s.exists
              ? `You have a feed URL, created ${formatTimestamp(s.created_at)}${s.last_used_at ? `, last read ${formatTimestamp(s.last_used_at)}` : ', not read yet'}.`
              : 'You have no feed URL.'}
          </Text>
          {url && (
            <Alert color="blue" variant="light" title="Your feed URL">
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap">
                  <TextInput label="Feed URL" value={url} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
                  <CopyButton value={url}>
                    {({ copied, copy }) => (
                      <Button variant="default" onClick={copy}>
                        {copied ? 'Copied' : 'Copy'}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
                <Text size="sm">It is shown only this once. Anyone with it can read your calendar; reset it if it leaks.</Text>
              </Stack>
            </Alert>
          )}
          <Group>
            {s.exists ? (
              <ConfirmButton label="Reset feed URL" title="Reset the feed URL?" color="orange" variant="default" onConfirm={() => create.mutateAsync().then(() => undefined)}>
                The current feed URL stops working at once; calendars subscribed to it must subscribe to the new one.
              </ConfirmButton>
            ) : (
              <Button onClick={() => create.mutate()} loading={create.isPending}>
                Create feed URL
              </Button>
            )}
            {s.exists && (
              <ConfirmButton
                label="Revoke feed URL"
                title="Revoke the feed URL?"
                onConfirm={async () => {
                  await calendarTokenApi.revoke();
                  setUrl(null);
                  await queryClient.invalidateQueries({ queryKey: ['me', 'calendar-token'] });
                }}
              >
                The feed URL stops working at once. You can create a new one later.
              </ConfirmButton>
            )}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
