import { Alert, Anchor, Badge, Box, Button, Group, Loader, Modal, Paper, Progress, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { isApiError, WRITER_ROLES, type ChecklistItemWithAnswer } from '../../api';
import { FullPageLoader, FullPageMessage } from '../../components/FullPageMessage';
import { signInPath } from '../../components/redirect';
import { formatCalendarDate, formatTimestamp } from '../../format/dates';
import { label } from '../../format/labels';
import { itemView, progress, type PreparedInspection, type Progress as ChecklistProgress, type QueuedChange } from '../../offline/queue';
import { refreshSnapshot } from '../../offline/sync';
import { prepareInspection, useOfflineInspection, type OfflineInspection } from '../../offline/useOfflineInspection';
import { checklistsKey } from '../inspections/ChecklistsPanel';
import { CompleteInspectionModal } from '../inspections/InspectionForms';
import { IntegrityObservations } from './IntegrityObservations';
import { ItemCard, type ItemActions } from './ItemCard';

/**
 * Inspection mode: the checklists of one inspection, full screen for a
 * tablet on the factory floor. It works from the copy kept on the device,
 * so it opens, answers and takes photos without a network; changes are
 * queued on the device and sent when the network is back.
 */
export default function InspectPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const location = useLocation();
  const o = useOfflineInspection(id);
  const [loadError, setLoadError] = useState<unknown>(null);

  // With a network, refresh the device's copy (or make the first one).
  useEffect(() => {
    if (!navigator.onLine) return;
    prepareInspection(id).catch((e: unknown) => setLoadError(e));
  }, [id]);

  if (!o.loaded) return <FullPageLoader />;
  if (!o.prepared) {
    if (isApiError(loadError, 401)) {
      void navigate(signInPath(location.pathname), { replace: true });
      return <FullPageLoader />;
    }
    if (loadError || !navigator.onLine) {
      return (
        <FullPageMessage title="This inspection is not on this device" actionLabel="Back to the inspection" onAction={() => void navigate(`/inspections/${id}`)}>
          {loadError instanceof Error && navigator.onLine
            ? loadError.message
            : 'Open it once with a network (or use "Prepare for offline" on the inspection) before going where there is none.'}
        </FullPageMessage>
      );
    }
    return <FullPageLoader label="Saving the inspection on this device…" />;
  }
  return <InspectionMode o={o} prepared={o.prepared} />;
}

function InspectionMode({ o, prepared }: { o: OfflineInspection; prepared: PreparedInspection }) {
  const { inspection, checklists, user } = prepared;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const editable = inspection.status === 'planned' && WRITER_ROLES.includes(user.role);
  const prog = useMemo(() => progress(checklists, o.changes), [checklists, o.changes]);
  const [completing, setCompleting] = useState(false);
  const [notYet, setNotYet] = useState(false);
  const lastJump = useRef(-1);
  const phone = useMediaQuery('(max-width: 30em)');

  const order = useMemo(() => checklists.checklists.flatMap((cl) => cl.sections.flatMap((s) => s.items.map((it) => `${cl.id}:${it.id}`))), [checklists]);
  const nextUnanswered = () => {
    const open = prog.unanswered.map((u) => ({ u, at: order.indexOf(`${u.checklistId}:${u.itemId}`) }));
    const next = open.find((x) => x.at > lastJump.current) ?? open[0];
    if (!next) return;
    lastJump.current = next.at;
    const el = document.getElementById(`item-${next.u.itemId}`);
    el?.scrollIntoView({ block: 'start' });
    el?.querySelector('button')?.focus({ preventScroll: true });
  };

  const complete = () => {
    if (o.changes.length > 0 || !o.online) {
      setNotYet(true);
      return;
    }
    void queryClient.invalidateQueries({ queryKey: checklistsKey(inspection.id) });
    setCompleting(true);
  };

  const actionsFor = (checklistId: number, item: ChecklistItemWithAnswer): ItemActions => ({
    answer: (fields) => o.answer(checklistId, item, fields),
    addPhotos: (fields, files) => o.addPhotos(checklistId, item, fields, files),
    raiseFinding: (f) => o.raiseFinding(checklistId, item, f),
    keepMine: o.keepMine,
    useTheirs: o.useTheirs,
    discard: o.discard,
  });

  const title = `${label(inspection.type)} inspection of ${inspection.site_code}`;
  return (
    <Box bg="gray.0" mih="100vh">
      <Paper component="header" withBorder radius={0} p="sm" pos="sticky" top={0} style={{ zIndex: 100 }} shadow="xs">
        <Stack gap={8} maw={980} mx="auto">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <div style={{ minWidth: 0 }}>
              <Title order={1} size="h4" lineClamp={1}>
                {title}
              </Title>
              <Text size="sm" c="dimmed" lineClamp={1}>
                {inspection.site_name} · {formatCalendarDate(inspection.scheduled_date)} · on this device since {formatTimestamp(prepared.savedAt)}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <Badge size="lg" variant="light" color={o.online ? 'green.8' : 'gray'}>
                {o.online ? 'Online' : 'Offline'}
              </Badge>
              <Button variant="default" component={Link} to={`/inspections/${inspection.id}`}>
                Exit
              </Button>
            </Group>
          </Group>
          <SyncState o={o} />
          <Group justify="space-between" wrap="wrap" gap="sm">
            <div style={{ flex: 1, minWidth: 200 }} role="region" aria-label="Progress">
              <Text size="sm" fw={600}>
                {prog.answered} of {prog.total} answered
              </Text>
              <Progress value={prog.total ? (100 * prog.answered) / prog.total : 0} size="lg" aria-label={`${prog.answered} of ${prog.total} answered`} />
            </div>
            <Group gap="sm" wrap="nowrap">
              <Button size={phone ? 'md' : 'lg'} variant="light" onClick={nextUnanswered} disabled={prog.unanswered.length === 0}>
                Next unanswered
              </Button>
              {editable && (
                <Button size={phone ? 'md' : 'lg'} onClick={complete}>
                  Complete
                </Button>
              )}
            </Group>
          </Group>
          <SectionProgress prog={prog} />
        </Stack>
      </Paper>

      <Stack gap="lg" maw={980} mx="auto" p="md">
        {!editable && (
          <Alert color="gray" variant="light">
            {inspection.status === 'planned' ? 'You can read this inspection but not answer it.' : `This inspection is ${label(inspection.status)}; its answers are the record.`}
          </Alert>
        )}
        {checklists.checklists.length === 0 && (
          <Alert color="gray" variant="light" title="No checklists">
            Add a checklist on the inspection's page first.
          </Alert>
        )}
        {checklists.checklists.map((cl) => (
          <Stack key={cl.id} gap="md">
            <Title order={2} size="h3">
              {cl.template.name}{' '}
              <Text span c="dimmed" size="sm">
                v{cl.template.version}
              </Text>
            </Title>
            {cl.sections.map((section) => (
              <Stack key={section.id} gap="sm" id={`section-${section.id}`} style={{ scrollMarginTop: 200 }}>
                <Title order={3} size="h4">
                  {section.number}. {section.title}
                </Title>
                {section.items.map((item) => (
                  <ItemCard
                    key={item.id}
                    item={item}
                    view={itemView(item, cl.id, o.changes, o.sendingSeq)}
                    checklistName={`Checklist "${cl.template.name}" v${cl.template.version}`}
                    photos={o.photos}
                    editable={editable}
                    actions={actionsFor(cl.id, item)}
                  />
                ))}
              </Stack>
            ))}
          </Stack>
        ))}
        <IntegrityObservations o={o} prepared={prepared} editable={editable} />
        {editable && checklists.checklists.length > 0 && (
          <Group justify="flex-end">
            <Button size="lg" onClick={complete}>
              Complete
            </Button>
          </Group>
        )}
      </Stack>

      <Modal opened={notYet} onClose={() => setNotYet(false)} title="Not yet" centered>
        <Stack gap="sm">
          <Text>
            {!o.online
              ? 'Completing needs the network: the result is decided on the server, with every answer in.'
              : `${o.changes.length} change${o.changes.length === 1 ? ' is' : 's are'} still on this device. They are sent first; resolve any conflict shown on an item.`}
          </Text>
          <Button w="fit-content" onClick={() => setNotYet(false)}>
            Back to the checklist
          </Button>
        </Stack>
      </Modal>
      <CompleteInspectionModal
        inspection={inspection}
        opened={completing}
        onClose={() => {
          setCompleting(false);
          void refreshSnapshot(inspection.id).then(async () => {
            const saved = queryClient.getQueryData<{ status: string }>(['inspection', inspection.id]);
            if (saved?.status === 'completed') await navigate(`/inspections/${inspection.id}`);
          });
        }}
        onReload={() => void refreshSnapshot(inspection.id)}
      />
    </Box>
  );
}

/** Always on screen: what the device holds and whether it is reaching the server. */
function SyncState({ o }: { o: OfflineInspection }) {
  const count = (pred: (c: QueuedChange) => boolean) => o.changes.filter(pred).length;
  const conflicts = count((c) => c.state === 'conflict');
  const rejected = count((c) => c.state === 'rejected');
  const waiting = o.changes.length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  let color = 'green.8';
  let text = 'All changes sent';
  if (conflicts) {
    color = 'red';
    text = `${plural(conflicts, 'conflict', 'conflicts')}: choose which answer to keep`;
  } else if (rejected) {
    color = 'red';
    text = `${plural(rejected, 'change was', 'changes were')} not accepted`;
  } else if (o.sendingSeq !== null) {
    color = 'blue';
    text = `Sending ${plural(waiting, 'change', 'changes')}…`;
  } else if (waiting) {
    color = 'yellow.8';
    text = `${plural(waiting, 'change', 'changes')} saved on device`;
    if (!o.online) text += ', sent when the network is back';
    else if (o.block === 'signed_out') text += ': sign in again to send them';
    else if (o.block === 'server') text += ': the server did not answer, trying again';
  }
  return (
    <Group gap="xs" role="status" aria-live="polite" aria-label="Sync state">
      <Badge size="lg" color={color} variant="filled" leftSection={o.sendingSeq !== null ? <Loader size={12} color="white" /> : undefined}>
        {conflicts ? 'Conflict' : rejected ? 'Not accepted' : o.sendingSeq !== null ? 'Sending' : waiting ? 'Saved on device' : 'Sent'}
      </Badge>
      <Text size="sm">{text}</Text>
      {o.block === 'signed_out' && (
        <Anchor component={Link} to={signInPath(window.location.pathname)} size="sm" fw={600}>
          Sign in again
        </Anchor>
      )}
    </Group>
  );
}

/** Answered / total per section; a tap scrolls to the section. */
function SectionProgress({ prog }: { prog: ChecklistProgress }) {
  return (
    <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars>
      <Group gap={6} wrap="nowrap" aria-label="Sections">
        {prog.sections.map((s) => (
          <Button
            key={`${s.checklistId}-${s.sectionId}`}
            size="compact-md"
            variant={s.answered === s.total ? 'light' : 'default'}
            color={s.answered === s.total ? 'green' : 'gray'}
            style={{ flexShrink: 0 }}
            onClick={() => document.getElementById(`section-${s.sectionId}`)?.scrollIntoView({ block: 'start' })}
          >
            {s.number}. {s.title} {s.answered}/{s.total}
          </Button>
        ))}
      </Group>
    </ScrollArea>
  );
}
