import { Anchor, Button, CloseButton, FileButton, Group, Image, Text } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { attachmentsApi, uploadFile, type Attachment } from '../api';

/**
 * Photos picked or taken on the device (on a tablet, `capture` opens the
 * camera), kept in the form until it is saved.
 */
export function PhotoPicker({ label, files, onChange }: { label: string; files: File[]; onChange: (files: File[]) => void }) {
  return (
    <div>
      <Group gap="xs" wrap="wrap">
        <FileButton accept="image/*" capture="environment" multiple onChange={(picked) => onChange([...files, ...picked])} inputProps={{ 'aria-label': label }}>
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconCamera size={18} />}>
              {label}
            </Button>
          )}
        </FileButton>
        {files.map((f, i) => (
          <Group key={`${f.name}-${i}`} gap={2} wrap="nowrap">
            <Text size="sm">{f.name || `photo ${i + 1}`}</Text>
            <CloseButton size="sm" aria-label={`Remove ${f.name || `photo ${i + 1}`}`} onClick={() => onChange(files.filter((_, j) => j !== i))} />
          </Group>
        ))}
      </Group>
    </div>
  );
}

/** Uploads photos as attachments of a record (`/sites/1/attachments`) and returns their ids. */
export async function uploadPhotos(path: string, files: File[]): Promise<number[]> {
  const ids: number[] = [];
  for (const f of files) ids.push((await uploadFile<Attachment>(path, f)).body.id);
  return ids;
}

/** Photos already on the server, as thumbnails that open the full image. */
export function PhotoStrip({ ids, label }: { ids: number[]; label: string }) {
  if (ids.length === 0) return null;
  return (
    <Group gap="xs" role="list" aria-label={label}>
      {ids.map((id, i) => (
        <Anchor key={id} href={attachmentsApi.inlineUrl(id)} target="_blank" rel="noopener" role="listitem">
          <Image src={attachmentsApi.inlineUrl(id)} alt={`${label}, photo ${i + 1}`} w={96} h={72} fit="cover" radius="sm" />
        </Anchor>
      ))}
    </Group>
  );
}
