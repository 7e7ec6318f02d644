import { Alert, Button, Code, FileInput, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, auditApi, downloadFile } from '../../api';
import { toCalendarDate } from '../../format/dates';

/**
 * The auditor's own proof that the trail was not cut short or rewritten:
 * download the signed head now, keep it, and later send it back to have
 * the chain proven to still contain it (the head is signed with a key kept
 * outside the database, so it cannot be made up afterwards).
 */
export function SignedHeadPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const [readError, setReadError] = useState<string | null>(null);
  const download = useMutation({ mutationFn: () => downloadFile('/audit-events/head', `audit-head-${toCalendarDate(new Date())}.json`) });
  const downloadKey = useMutation({
    mutationFn: async () => {
      const key = await auditApi.checkpointKey();
      const url = URL.createObjectURL(new Blob([key.public_key_pem], { type: 'application/x-pem-file' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `audit-checkpoint-key-${key.key_id}.pem`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const check = useMutation({
    mutationFn: async () => {
      const text = file ? await file.text() : pasted;
      let head: unknown;
      try {
        head = JSON.parse(text);
      } catch {
        head = null;
      }
      if (!head || typeof head !== 'object' || Array.isArray(head)) throw new Error('This is not a head downloaded from qualtrack (it is not a JSON object).');
      return auditApi.verifyHead(head as Record<string, unknown>);
    },
  });
  const result = check.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Signed head
        </Title>
        <Text size="sm" c="dimmed">
          Download the signed head of the trail and keep it outside qualtrack. Later, check it here: the trail must still contain it, so events removed or rewritten since then show, even by someone who controls the database.
        </Text>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => download.mutate()} loading={download.isPending}>
            Download signed head
          </Button>
          <Button variant="subtle" leftSection={<IconDownload size={16} />} onClick={() => downloadKey.mutate()} loading={downloadKey.isPending}>
            Download public key
          </Button>
        </Group>
        {(download.error || downloadKey.error) && (
          <Alert color="red" role="alert">
            The download failed: {(download.error ?? downloadKey.error)!.message}
          </Alert>
        )}
        <form
          aria-label="Check a kept head"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setReadError(null);
            if (!file && !pasted.trim()) {
              setReadError('Choose a head file or paste a head.');
              return;
            }
            check.mutate();
          }}
        >
          <Stack gap="sm">
            <Group grow align="flex-start">
              <FileInput label="Kept head file" placeholder="audit-head-….json" accept="application/json,.json" value={file} onChange={(f) => { setFile(f); if (f) setPasted(''); }} clearable />
              <Textarea label="Or paste a kept head" autosize minRows={2} maxRows={6} value={pasted} onChange={(e) => { setPasted(e.currentTarget.value); setFile(null); }} error={readError} styles={{ input: { fontFamily: 'monospace' } }} />
            </Group>
            <Group>
              <Button type="submit" leftSection={<IconShieldCheck size={16} />} loading={check.isPending}>
                Check kept head
              </Button>
            </Group>
          </Stack>
        </form>
        {result &&
          (result.valid ? (
            <Alert color="green" icon={<IconShieldCheck size={18} />} title="The trail still contains the kept head" role="status" data-testid="head-check">
              The head is signed by this server (key {result.key_id}) and the trail still holds it: nothing up to it was removed or changed. {result.events} events were checked.
            </Alert>
          ) : (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The kept head does not hold" role="alert" data-testid="head-check">
              {result.reason}.
              {!result.signature_valid && ' The head is not signed by this server, or it was edited.'} Tell your administrator and keep the head file.
            </Alert>
          ))}
        {check.error && (
          <Alert color="red" role="alert" data-testid="head-check-error">
            {check.error.message}
            {check.error instanceof ApiError && Object.keys(check.error.fields).length > 0 && (
              <List size="sm" mt={4}>
                {Object.entries(check.error.fields).map(([field, why]) => (
                  <List.Item key={field}>
                    <Code>{field}</Code> {why}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
