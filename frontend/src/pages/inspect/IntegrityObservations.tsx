import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { integrityValueLabel, type InspectionIntegrityProduct, type RecordedObservations } from '../../api';
import { observationsOf, type ObservationsOp, type PreparedInspection } from '../../offline/queue';
import type { OfflineInspection } from '../../offline/useOfflineInspection';
import { PhotoPicker } from '../../components/Photos';
import { ObservationInputs, ObservationsTable, productTitle, RecordedSummary, useObservationDraft } from '../integrity/ObservationsPanel';

/**
 * Hardware integrity in inspection mode: the products the site builds,
 * with the values expected of each as they were when the inspection was
 * saved on the device. Observations, and the photos of the seal and the
 * X-ray/AOI image, are kept on the device and sent when the network is
 * back (the photos first); the server compares the values with the
 * baseline then, and what it found (or why it refused them) comes back here.
 */
export function IntegrityObservations({ o, prepared, editable }: { o: OfflineInspection; prepared: PreparedInspection; editable: boolean }) {
  const products = prepared.integrity?.products ?? [];
  if (products.length === 0) return null;
  const canRecord = editable && !!prepared.integrity?.editable;
  return (
    <Stack gap="sm" id="integrity" style={{ scrollMarginTop: 200 }}>
      <Title order={2} size="h3">
        Hardware integrity
      </Title>
      {products.map((p) => (
        <ProductCard
          key={p.site_product_id}
          o={o}
          product={p}
          canRecord={canRecord}
          queued={observationsOf(o.changes, p.product_id)}
          recorded={prepared.recorded?.[p.product_id]}
        />
      ))}
    </Stack>
  );
}

function ProductCard({
  o,
  product: p,
  canRecord,
  queued,
  recorded,
}: {
  o: OfflineInspection;
  product: InspectionIntegrityProduct;
  canRecord: boolean;
  queued: ObservationsOp[];
  recorded: RecordedObservations | undefined;
}) {
  const draft = useObservationDraft(p);
  const [sealPhotos, setSealPhotos] = useState<File[]>([]);
  const [aoiPhotos, setAoiPhotos] = useState<File[]>([]);
  return (
    <Paper withBorder p="md" role="group" aria-label={`Hardware integrity of ${p.part_number}`}>
      <Stack gap="sm">
        <Text fw={600}>{productTitle(p)}</Text>
        {queued.map((op) => (
          <QueuedBatch key={op.seq} op={op} sending={op.seq === o.sendingSeq} online={o.online} discard={() => void o.discard(op)} />
        ))}
        {recorded && queued.length === 0 && <RecordedSummary result={recorded} />}
        {canRecord && (
          <form
            aria-label={`Observations for ${p.part_number}`}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const { obs, where } = draft.build();
              if (obs.length === 0) return;
              // Photos go with the value they show, and only with a value recorded.
              const photos: Record<number, File[]> = {};
              if (where.golden !== undefined) photos[where.golden] = sealPhotos;
              if (where.aoi !== undefined) photos[where.aoi] = aoiPhotos;
              void o.recordObservations(p.product_id, p.part_number, obs, photos).then(() => {
                draft.reset();
                setSealPhotos([]);
                setAoiPhotos([]);
              });
            }}
          >
            <Stack gap="sm">
              <ObservationInputs product={p} draft={draft} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {draft.sealState !== '' ? <PhotoPicker label="Photo of the seal" files={sealPhotos} onChange={setSealPhotos} /> : <div />}
                {draft.aoi !== '' ? <PhotoPicker label="X-ray/AOI image" files={aoiPhotos} onChange={setAoiPhotos} /> : <div />}
              </SimpleGrid>
              <Group justify="flex-end">
                <Button type="submit" size="md">
                  Record observations
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <ObservationsTable observations={p.observations} />
      </Stack>
    </Paper>
  );
}

/** A batch of observations on the device: waiting, being sent, or refused by the server with its reason. */
function QueuedBatch({ op, sending, online, discard }: { op: ObservationsOp; sending: boolean; online: boolean; discard: () => void }) {
  const values = op.observations.map((v) => integrityValueLabel(v.kind, v.component)).join(', ');
  const photos = Object.values(op.photoIds ?? {}).reduce((n, ids) => n + ids.length, 0);
  const withPhotos = photos === 0 ? '' : ` and ${photos} photo${photos === 1 ? '' : 's'}`;
  if (op.state !== 'queued') {
    return (
      <Alert color="red" variant="light" role="alert" title="These observations were not accepted">
        <Stack gap={6}>
          <Text size="sm">{values}</Text>
          <Text size="sm" fw={600}>
            {op.error}
          </Text>
          <Text size="sm">Correct the values below and record them again, then discard this batch.</Text>
          <Button variant="default" size="compact-md" w="fit-content" onClick={discard}>
            Discard these observations
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Group gap="xs" role="status" aria-label={`Observations of ${op.itemNumber}: ${sending ? 'Sending' : 'Saved on device'}`}>
      <Badge color={sending ? 'blue' : 'yellow.8'} variant="filled">
        {sending ? 'Sending' : 'Saved on device'}
      </Badge>
      <Text size="sm">
        {op.observations.length} value{op.observations.length === 1 ? '' : 's'} ({values}){withPhotos}{sending ? '' : online ? ', being sent' : ', compared with the baseline when the network is back'}
      </Text>
    </Group>
  );
}
