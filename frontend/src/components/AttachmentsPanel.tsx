import { Anchor, Button, FileButton, Group, Image, Modal, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { attachmentsApi, attachmentsPath, uploadFile, type Attachment, type AttachmentOwnerType, type SiteAttachment, refreshAfter } from '../api';
import { formatCalendarDate, formatTimestamp } from '../format/dates';
import { formatBytes, label, recordPath } from '../format/labels';
import { EmptyState } from './EmptyState';
import { groupByRecord } from './fileGroups';
import { ConfirmButton, FormError } from './forms';
import { usePermissions } from './permissions';

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

/**
 * A record's files: upload with progress, list, download, image preview,
 * delete (admins). With `withRecords` (a site), the files of the site's
 * inspections, findings and certifications are listed too, grouped by the
 * record they belong to. With `final` (why the files can no longer change),
 * nothing is uploaded or deleted.
 */
export function AttachmentsPanel({
  owner,
  ownerId,
  withRecords = false,
  final,
}: {
  owner: AttachmentOwnerType;
  ownerId: number;
  withRecords?: boolean;
  final?: string;
}) {
  const can = usePermissions();
  const queryClient = useQueryClient();
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
      await refreshAfter(queryClient, 'attachment');
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack gap="sm">
      {final && (
        <Text size="sm" c="dimmed">
          {final}
        </Text>
      )}
      {can.edit && !final && (
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
      {withRecords && owner === 'site' ? <SiteFiles siteId={ownerId} onPreview={setPreview} /> : <RecordFiles owner={owner} ownerId={ownerId} onPreview={setPreview} final={!!final} />}
      <Modal opened={!!preview} onClose={() => setPreview(null)} title={preview?.file_name} size="xl" centered>
        {preview && <Image src={attachmentsApi.inlineUrl(preview.id)} alt={preview.file_name} fit="contain" mah="75vh" />}
      </Modal>
    </Stack>
  );
}

/** The files of one record. */
function RecordFiles({ owner, ownerId, onPreview, final }: { owner: AttachmentOwnerType; ownerId: number; onPreview: (a: Attachment) => void; final: boolean }) {
  const can = usePermissions();
  const list = useQuery({ queryKey: ['attachments', owner, ownerId], queryFn: ({ signal }) => attachmentsApi.list(owner, ownerId, signal) });
  const rows = list.data?.items ?? [];
  return (
    <Paper withBorder>
      {rows.length > 0 && <FilesTable rows={rows} onPreview={onPreview} final={final} />}
      {list.isSuccess && rows.length === 0 && (
        <EmptyState title="No files attached">
          {can.edit && !final ? 'Upload inspection photos, reports or certificate scans with "Upload file".' : 'Nobody has attached a file to this record yet.'}
        </EmptyState>
      )}
      {list.isError && (
        <Text c="red.8" size="sm" p="sm" role="alert">
          {list.error.message}
        </Text>
      )}
    </Paper>
  );
}

/** The files of a site and of its inspections, findings and certifications, one table per record. */
function SiteFiles({ siteId, onPreview }: { siteId: number; onPreview: (a: Attachment) => void }) {
  const can = usePermissions();
  const list = useInfiniteQuery({
    queryKey: ['attachments', 'site-records', siteId],
    queryFn: ({ pageParam, signal }) => attachmentsApi.ofSite(siteId, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.page_size < last.total ? last.page + 1 : undefined),
  });
  const files = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const groups = groupByRecord(files);

  if (list.isError) {
    return (
      <Text c="red.8" size="sm" p="sm" role="alert">
        {list.error.message}
      </Text>
    );
  }
  if (list.isSuccess && files.length === 0) {
    return (
      <Paper withBorder>
        <EmptyState title="No files attached">
          {can.edit
            ? 'Neither the site nor its inspections, findings or certifications have files. Upload site documents with "Upload file"; inspection photos and certificate scans go on their records.'
            : 'Nobody has attached a file to this site or its inspections, findings and certifications yet.'}
        </EmptyState>
      </Paper>
    );
  }
  return (
    <Stack gap="md" data-testid="site-files">
      {list.isSuccess && (
        <Text size="sm" c="dimmed">
          {total} {total === 1 ? 'file' : 'files'} on this site and its records
        </Text>
      )}
      {groups.map((g) => (
        <section key={`${g.record.type}-${g.record.id}`} aria-label={groupName(g.record)}>
          <Group justify="space-between" align="end" mb={4} wrap="nowrap">
            <div>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
                {g.record.type === 'site' ? 'Site' : label(g.record.type)}
              </Text>
              {g.record.type === 'site' ? (
                <Text size="sm" fw={600}>
                  Files of this site
                </Text>
              ) : (
                <Anchor component={Link} to={recordPath(g.record.type, g.record.id)} size="sm" fw={600}>
                  {recordTitle(g.record)}
                </Anchor>
              )}
            </div>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {g.files.length} {g.files.length === 1 ? 'file' : 'files'}
            </Text>
          </Group>
          <Paper withBorder>
            <FilesTable rows={g.files} onPreview={onPreview} />
          </Paper>
        </section>
      ))}
      {list.hasNextPage && (
        <Button variant="default" w="fit-content" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Show more files
        </Button>
      )}
    </Stack>
  );
}

/** A record as its group's heading reads: its label, and an inspection's day. */
function recordTitle(r: SiteAttachment['record']): string {
  return r.date ? `${r.label}, ${formatCalendarDate(r.date)}` : r.label;
}

function groupName(r: SiteAttachment['record']): string {
  return r.type === 'site' ? 'Files of this site' : `Files of ${label(r.type).toLowerCase()} ${recordTitle(r)}`;
}

/** Files as a table: name (download), size, uploaded when and by whom, actions. */
function FilesTable({ rows, onPreview, final = false }: { rows: Attachment[]; onPreview: (a: Attachment) => void; final?: boolean }) {
  const can = usePermissions();
  const queryClient = useQueryClient();
  return (
    <Table.ScrollContainer minWidth={520} type="native">
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
                    <Button size="compact-sm" variant="default" onClick={() => onPreview(a)}>
                      Preview
                    </Button>
                  )}
                  <Button size="compact-sm" variant="default" component="a" href={attachmentsApi.downloadUrl(a.id)} download={a.file_name}>
                    Download
                  </Button>
                  {can.remove && !final && (
                    <ConfirmButton
                      size="compact-sm"
                      label="Delete"
                      title={`Delete ${a.file_name}?`}
                      onConfirm={async () => {
                        await attachmentsApi.remove(a.id);
                        await refreshAfter(queryClient, 'attachment');
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
    </Table.ScrollContainer>
  );
}
