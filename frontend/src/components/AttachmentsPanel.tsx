import { Anchor, Button, FileButton, Group, Image, Modal, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { attachmentsApi, attachmentsPath, uploadFile, type Attachment, type AttachmentOwnerType } from '../api';
import { formatTimestamp } from '../format/dates';
import { formatBytes } from '../format/labels';
import { EmptyState } from './EmptyState';
import { ConfirmButton, FormError } from './forms';
import { usePermissions } from './permissions';

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

/** A record's files: upload with progress, list, download, image preview, delete (admins). */
export function AttachmentsPanel({ owner, ownerId }: { owner: AttachmentOwnerType; ownerId: number }) {
  const can = usePermissions();
  const queryClient = useQueryClient();
  const key = ['attachments', owner, ownerId];
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => attachmentsApi.list(owner, ownerId, signal) });
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<Attachment | null>(null);

  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setProgress({ name: file.name, fraction: 0 });
    try {
      await uploadFile(attachmentsPath(owner, ownerId), file, {
        onProgress: (fraction) => setProgress({ name: file.name, fraction }),
      });
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  const rows = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      {can.edit && (
        <Group justify="space-between" align="center">
          <Text size="sm" c="dimmed">
            Evidence files: photos, reports, certificates (PDF, images, spreadsheets, documents).
          </Text>
          <FileButton onChange={(f) => void upload(f)} disabled={!!progress}>
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} variant="light" loading={!!progress}>
                Upload file
              </Button>
            )}
          </FileButton>
        </Group>
      )}
      {progress && (
        <Paper withBorder p="sm">
          <Text size="sm" mb={4}>
            Uploading {progress.name}… {Math.round(progress.fraction * 100)}%
          </Text>
          <Progress value={progress.fraction * 100} aria-label={`Upload progress for ${progress.name}`} animated />
        </Paper>
      )}
      <FormError error={error} />
      <Paper withBorder>
        <Table fz="sm" verticalSpacing={6} striped="even" stripedColor="var(--mantine-color-gray-0)">
          <Table.Thead bg="gray.1">
            <Table.Tr>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col">Size</Table.Th>
              <Table.Th scope="col">Uploaded</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor href={attachmentsApi.downloadUrl(a.id)} download={a.file_name} size="sm">
                    {a.file_name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.content_type}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(a.size)}</Table.Td>
                <Table.Td>
                  {formatTimestamp(a.uploaded_at)}
                  <Text size="xs" c="dimmed">
                    {a.uploaded_by_name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {IMAGE.test(a.content_type) && (
                      <Button size="compact-sm" variant="default" onClick={() => setPreview(a)}>
                        Preview
                      </Button>
                    )}
                    <Button size="compact-sm" variant="default" component="a" href={attachmentsApi.downloadUrl(a.id)} download={a.file_name}>
                      Download
                    </Button>
                    {can.remove && (
                      <ConfirmButton
                        size="compact-sm"
                        label="Delete"
                        title={`Delete ${a.file_name}?`}
                        onConfirm={async () => {
                          await attachmentsApi.remove(a.id);
                          await queryClient.invalidateQueries({ queryKey: key });
                        }}
                      >
                        The file is removed from this record. The audit trail keeps a note of it and of who deleted it.
                      </ConfirmButton>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.isSuccess && rows.length === 0 && (
          <EmptyState title="No files attached">
            {can.edit ? 'Upload inspection photos, reports or certificate scans with "Upload file".' : 'Nobody has attached a file to this record yet.'}
          </EmptyState>
        )}
        {list.isError && (
          <Text c="red.8" size="sm" p="sm" role="alert">
            {list.error.message}
          </Text>
        )}
      </Paper>
      <Modal opened={!!preview} onClose={() => setPreview(null)} title={preview?.file_name} size="xl" centered>
        {preview && <Image src={attachmentsApi.inlineUrl(preview.id)} alt={preview.file_name} fit="contain" mah="75vh" />}
      </Modal>
    </Stack>
  );
}
