import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A secret the server shows only once (a service token, a webhook's
 * signing secret): a warning, the secret, a copy button. The dialog closes
 * only by "Done", so a stray click outside cannot lose it.
 */
export function ShownOnce({
  title,
  secret,
  copyLabel,
  testId,
  onDone,
  children,
}: {
  title: string;
  secret: string | null;
  copyLabel: string;
  testId: string;
  onDone: () => void;
  children: ReactNode;
}) {
  return (
    <Modal opened={secret !== null} onClose={onDone} title={title} centered closeOnClickOutside={false} size="lg">
      {secret !== null && (
        <Stack gap="sm">
          <Alert color="yellow" variant="light">
            {children}
          </Alert>
          <Code block fz="sm" data-testid={testId} style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : copyLabel}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onDone}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
