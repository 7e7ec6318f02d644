import { Alert, Anchor, Badge, Button, FileButton, Group, Image, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { attachmentsApi, type ChecklistAnswer, type ChecklistItemWithAnswer, type FindingFromItem } from '../../api';
import { label } from '../../format/labels';
import { isAnswered, prefilledFinding, type AnswerFields, type AnswerOp, type ItemView, type LocalPhoto, type QueuedChange } from '../../offline/queue';
import { RaiseFindingModal } from '../inspections/RaiseFindingModal';
import { SupplierSaid } from '../inspections/SupplierStatements';

export interface ItemActions {
  answer: (fields: AnswerFields) => Promise<void>;
  addPhotos: (fields: AnswerFields, files: File[]) => Promise<void>;
  raiseFinding: (f: FindingFromItem) => Promise<void>;
  keepMine: (op: AnswerOp) => Promise<void>;
  useTheirs: (op: AnswerOp) => Promise<void>;
  discard: (op: QueuedChange) => Promise<void>;
}

const SYNC_BADGE: Record<ItemView['state'], { text: string; color: string }> = {
  saved: { text: 'Saved on device', color: 'yellow.8' },
  sending: { text: 'Sending', color: 'blue' },
  sent: { text: 'Sent', color: 'green.8' },
  conflict: { text: 'Conflict', color: 'red' },
  rejected: { text: 'Not accepted', color: 'red' },
};

/** Words for an answer, as the inspector gave it. */
export function describe(f: AnswerFields | null | undefined): string {
  if (!f || !isAnswered(f)) return 'Not answered';
  if (f.not_applicable) return 'N/A';
  if (f.answer) return f.answer === 'yes' ? 'Yes' : 'No';
  if (f.rating != null) return `Rated ${f.rating} of 5`;
  return f.text ?? '';
}

function describeServer(a: ChecklistAnswer | null | undefined): string {
  if (!a) return 'No answer (cleared)';
  const f: AnswerFields = { note: a.note, attachment_ids: [], photo_ids: [] };
  if (a.not_applicable) f.not_applicable = true;
  else if (a.answer) f.answer = a.answer;
  else if (a.rating !== null) f.rating = a.rating;
  else f.text = a.text;
  return describe(f);
}

/**
 * One checklist item in inspection mode: large answer targets, a note only
 * when wanted, photos from the camera with thumbnails, its sync state, and
 * the choice when someone else answered it meanwhile.
 */
export function ItemCard({
  item,
  view,
  checklistName,
  photos,
  editable,
  actions,
}: {
  item: ChecklistItemWithAnswer;
  view: ItemView;
  checklistName: string;
  photos: LocalPhoto[];
  editable: boolean;
  actions: ItemActions;
}) {
  const f = view.fields;
  const current: AnswerFields = f ?? { note: '', attachment_ids: [], photo_ids: [] };
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState(current.note);
  const [text, setText] = useState(current.text ?? '');
  const [raising, setRaising] = useState(false);
  useEffect(() => setNote(current.note), [current.note]);

  // A new answer replaces the old one; no answer given (saving a note) keeps it.
  const choose = (answer: Partial<AnswerFields>) => {
    const { answer: yesNo, rating, text: written, not_applicable } = current;
    const kept = Object.keys(answer).length > 0 ? answer : { answer: yesNo, rating, text: written, not_applicable };
    const fields: AnswerFields = { note, attachment_ids: current.attachment_ids, photo_ids: current.photo_ids };
    for (const [k, v] of Object.entries(kept)) if (v !== undefined) Object.assign(fields, { [k]: v });
    void actions.answer(fields);
  };
  const pressed = (on: boolean) => ({ variant: on ? 'filled' : 'default', 'aria-pressed': on }) as const;
  const failed = f && !f.not_applicable && (f.answer === 'no' || (f.rating != null && f.rating < 5));
  const findingRaised = item.answer?.finding_id ?? null;
  const badge = SYNC_BADGE[view.state];
  const showNote = noteOpen || !!current.note;

  return (
    <Paper withBorder p="md" role="group" aria-label={`Item ${item.number}`} id={`item-${item.id}`} bg={failed ? 'red.0' : undefined} style={{ scrollMarginTop: 200 }}>
      <Stack gap="sm">
        <Group align="flex-start" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text fw={700}>{item.number}</Text>
            <div>
              <Text fw={500}>{item.question}</Text>
              {item.guidance && (
                <Text size="sm" c="dimmed">
                  {item.guidance}
                </Text>
              )}
              <Group gap={6} mt={4}>
                {(isAnswered(f) || view.state !== 'sent') && (
                  <Badge color={badge.color} variant="light" size="lg" aria-label={`Item ${item.number}: ${badge.text}`}>
                    {badge.text}
                  </Badge>
                )}
                {item.critical && (
                  <Badge color="red" variant="light">
                    Critical
                  </Badge>
                )}
                <Badge color="gray" variant="light">
                  {label(item.category)}
                </Badge>
                {item.requirement && (
                  <Text span size="sm" c="dimmed">
                    {item.requirement}
                  </Text>
                )}
              </Group>
              <SupplierSaid answer={item.supplier_answer} type={item.answer_type} />
            </div>
          </Group>
        </Group>

        {editable ? (
          <Group gap="sm" wrap="wrap">
            {item.answer_type === 'yes_no' && (
              <>
                <Button size="xl" miw={120} color="green" {...pressed(f?.answer === 'yes' && !f.not_applicable)} onClick={() => choose({ answer: 'yes' })}>
                  Yes
                </Button>
                <Button size="xl" miw={120} color="red" {...pressed(f?.answer === 'no' && !f.not_applicable)} onClick={() => choose({ answer: 'no' })}>
                  No
                </Button>
              </>
            )}
            {item.answer_type === 'rating_1_5' &&
              [1, 2, 3, 4, 5].map((r) => (
                <Button key={r} size="xl" miw={72} aria-label={`Rate ${r}`} {...pressed(f?.rating === r && !f.not_applicable)} onClick={() => choose({ rating: r })}>
                  {r}
                </Button>
              ))}
            {item.na_allowed && (
              <Button size="xl" miw={120} color="gray" {...pressed(!!f?.not_applicable)} onClick={() => choose({ not_applicable: true })}>
                N/A
              </Button>
            )}
          </Group>
        ) : (
          <Text>
            <strong>Answer:</strong> {describe(f)}
          </Text>
        )}

        {editable && item.answer_type === 'text' && (
          <Group align="flex-end" gap="sm">
            <Textarea label={`Answer to ${item.number}`} autosize minRows={2} size="md" value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button size="lg" variant="light" disabled={!text.trim() || text === current.text} onClick={() => choose({ text })}>
              Save answer
            </Button>
          </Group>
        )}

        {editable && showNote && (
          <Group align="flex-end" gap="sm">
            <Textarea label={`Note for ${item.number}`} autosize minRows={2} size="md" value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button size="lg" variant="light" disabled={note === current.note || !isAnswered(f)} onClick={() => choose({})}>
              Save note
            </Button>
          </Group>
        )}
        {!editable && current.note && <Text size="sm">Note: {current.note}</Text>}

        <Thumbnails item={item} fields={current} photos={photos} />

        {editable && (
          <Group gap="sm">
            {!showNote && (
              <Button size="md" variant="default" onClick={() => setNoteOpen(true)}>
                Add note
              </Button>
            )}
            {isAnswered(f) && (
              <FileButton
                accept="image/*"
                capture="environment"
                multiple
                onChange={(files) => {
                  if (files.length) void actions.addPhotos({ ...current, note }, files);
                }}
                inputProps={{ 'aria-label': `Photo for item ${item.number}` }}
              >
                {(props) => (
                  <Button {...props} size="md" variant="default" leftSection={<IconCamera size={18} />}>
                    Add photo
                  </Button>
                )}
              </FileButton>
            )}
            {failed && !findingRaised && !view.queuedFinding && (
              <Button size="md" color="red" variant="light" onClick={() => setRaising(true)}>
                Raise finding
              </Button>
            )}
          </Group>
        )}
        {findingRaised && (
          <Anchor component={Link} to={`/findings/${findingRaised}`} fw={600}>
            Finding #{findingRaised} raised from this answer
          </Anchor>
        )}
        {view.queuedFinding && !findingRaised && <Text size="sm">A finding from this answer is saved on the device and will be sent.</Text>}

        {view.conflict && <ConflictChoice op={view.conflict} actions={actions} />}
        {view.rejected && !view.conflict && (
          <Alert color="red" variant="light" role="alert" title="The server did not accept this change">
            <Stack gap="xs">
              <Text size="sm">{view.rejected.error}</Text>
              <Button w="fit-content" variant="default" onClick={() => void actions.discard(view.rejected!)}>
                Discard this change
              </Button>
            </Stack>
          </Alert>
        )}
      </Stack>
      <RaiseFindingModal
        opened={raising}
        onClose={() => setRaising(false)}
        itemNumber={item.number}
        initial={prefilledFinding(item, f, checklistName)}
        submit={(finding) => {
          void actions.raiseFinding(finding).then(() => setRaising(false));
        }}
        pending={false}
        error={null}
        submitLabel="Save finding"
      />
    </Paper>
  );
}

/** Both answers side by side; the inspector keeps one. */
function ConflictChoice({ op, actions }: { op: AnswerOp; actions: ItemActions }) {
  const theirs = op.theirs ?? null;
  return (
    <Alert color="red" variant="light" role="alert" title="Someone else answered this item meanwhile">
      <SimpleGrid cols={2} spacing="md">
        <div>
          <Text size="sm" fw={700}>
            On the server{theirs ? ` (by ${theirs.answered_by_name})` : ''}
          </Text>
          <Text size="sm">{describeServer(theirs)}</Text>
          {theirs?.note && <Text size="sm">Note: {theirs.note}</Text>}
        </div>
        <div>
          <Text size="sm" fw={700}>
            On this device (yours)
          </Text>
          <Text size="sm">{describe(op.fields)}</Text>
          {op.fields.note && <Text size="sm">Note: {op.fields.note}</Text>}
        </div>
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button size="md" onClick={() => void actions.keepMine(op)}>
          Keep mine
        </Button>
        <Button size="md" variant="default" onClick={() => void actions.useTheirs(op)}>
          Use theirs
        </Button>
      </Group>
    </Alert>
  );
}

/** The answer's photos: those taken on this device from their stored bytes, the others from the server. */
function Thumbnails({ item, fields, photos }: { item: ChecklistItemWithAnswer; fields: AnswerFields; photos: LocalPhoto[] }) {
  const local = useMemo(() => {
    const byId = new Map(photos.map((p) => [p.id, p]));
    const byAttachment = new Map(photos.filter((p) => p.attachmentId !== undefined).map((p) => [p.attachmentId!, p]));
    const shown: { key: string; blob?: Blob; attachmentId?: number }[] = [];
    for (const id of fields.attachment_ids) {
      const p = byAttachment.get(id);
      shown.push(p ? { key: `a${id}`, blob: p.blob } : { key: `a${id}`, attachmentId: id });
    }
    for (const id of fields.photo_ids) {
      const p = byId.get(id);
      if (p && (p.attachmentId === undefined || !fields.attachment_ids.includes(p.attachmentId))) shown.push({ key: id, blob: p.blob });
    }
    return shown;
  }, [fields, photos]);
  const urls = useMemo(() => local.map((p) => (p.blob ? URL.createObjectURL(p.blob) : attachmentsApi.inlineUrl(p.attachmentId!))), [local]);
  useEffect(() => () => urls.forEach((u) => u.startsWith('blob:') && URL.revokeObjectURL(u)), [urls]);
  if (local.length === 0) return null;
  return (
    <Group gap="xs" aria-label={`Photos of item ${item.number}`} role="list">
      {urls.map((u, i) => (
        <div key={local[i]!.key} role="listitem">
          <Image src={u} alt={`Photo ${i + 1} of item ${item.number}`} w={88} h={88} radius="sm" fit="cover" />
        </div>
      ))}
    </Group>
  );
}
