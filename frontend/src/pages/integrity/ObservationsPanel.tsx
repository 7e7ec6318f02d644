import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  integrityApi,
  integrityValueLabel,
  pastedSHA256,
  refreshAfter,
  type InspectionIntegrityProduct,
  type IntegrityObservation,
  type ObservationCreate,
  type RecordedObservations,
} from '../../api';
import { SeverityBadge } from '../../components/badges';
import { ConfirmButton, FormError, serverErrors } from '../../components/forms';
import { usePermissions } from '../../components/permissions';
import { PhotoPicker, PhotoStrip, uploadPhotos } from '../../components/Photos';
import { label } from '../../format/labels';

/**
 * The hardware integrity part of an inspection: for each product built at
 * the site, the inspector pastes the firmware hashes read on the line and
 * confirms the golden sample, BOM and AVL values (prefilled with what is
 * expected). Each value is compared by the server at once; a mismatch
 * raises a finding on this inspection.
 */
export function ObservationsPanel({ inspectionId, canEdit }: { inspectionId: number; canEdit: boolean }) {
  const view = useQuery({ queryKey: ['inspection-integrity', inspectionId], queryFn: ({ signal }) => integrityApi.inspection(inspectionId, signal) });
  if (!view.data || view.data.products.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Hardware integrity
      </Title>
      {view.data.products.map((p) => (
        <ProductObservations key={p.site_product_id} inspectionId={inspectionId} product={p} canEdit={canEdit && view.data.editable} />
      ))}
    </Stack>
  );
}

type SealState = 'intact' | 'broken' | 'missing' | '';
type AOIState = 'match' | 'mismatch' | '';

/**
 * What the inspector is entering for one product: hashes as pasted, and the
 * golden sample, BOM and AVL values prefilled with the expected ones to
 * confirm or correct. Shared by the inspection page (sent at once) and
 * inspection mode (kept on the device until there is a network).
 */
export function useObservationDraft(p: InspectionIntegrityProduct) {
  const [hashes, setHashes] = useState<Record<string, string>>({});
  const [serial, setSerial] = useState(p.golden_serial);
  const [seal, setSeal] = useState(p.golden_seal_number);
  const [sealState, setSealState] = useState<SealState>('');
  const [bom, setBom] = useState(p.bom_revision);
  const [avl, setAvl] = useState(p.avl_revision);
  const [aoi, setAoi] = useState<AOIState>('');
  /** The observations to send, and where each value is in the list (to place the server's per-field errors). */
  const build = () => {
    const obs: ObservationCreate[] = [];
    const where: Record<string, number> = {};
    for (const fw of p.expected_firmware) {
      const text = hashes[fw.component] ?? '';
      if (text.trim() === '') continue;
      where[`fw-${fw.component}`] = obs.length;
      obs.push({ kind: 'firmware', component: fw.component, sha256: text });
    }
    if (sealState !== '') {
      where.golden = obs.length;
      obs.push({ kind: 'golden_sample', serial_number: serial, seal_number: seal, seal_state: sealState });
    }
    if (p.bom_revision !== '' || bom.trim() !== '') {
      where.bom = obs.length;
      obs.push({ kind: 'bom', revision: bom });
    }
    if (p.avl_revision !== '' || avl.trim() !== '') {
      where.avl = obs.length;
      obs.push({ kind: 'avl', revision: avl });
    }
    if (aoi !== '') {
      where.aoi = obs.length;
      obs.push({ kind: 'aoi', aoi_result: aoi });
    }
    return { obs, where };
  };
  /** After recording: hashes and checks start empty again, the prefilled values stay. */
  const reset = () => {
    setHashes({});
    setSealState('');
    setAoi('');
  };
  return { hashes, setHashes, serial, setSerial, seal, setSeal, sealState, setSealState, bom, setBom, avl, setAvl, aoi, setAoi, build, reset };
}

type ObservationDraft = ReturnType<typeof useObservationDraft>;

/** The fields of a product's observations. */
export function ObservationInputs({
  product: p,
  draft: d,
  fieldError = () => undefined,
}: {
  product: InspectionIntegrityProduct;
  draft: ObservationDraft;
  fieldError?: (key: string, field: string) => string | undefined;
}) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {p.expected_firmware.map((fw) => {
          const text = d.hashes[fw.component] ?? '';
          const read = pastedSHA256(text);
          return (
            <TextInput
              key={fw.component}
              label={`${integrityValueLabel('firmware', fw.component)} SHA-256`}
              description={`Expected ${fw.firmware_version}: ${fw.sha256.slice(0, 16)}…`}
              placeholder="Paste the hash or the sha256sum line"
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={text}
              onChange={(e) => {
                const value = e.currentTarget.value;
                d.setHashes((h) => ({ ...h, [fw.component]: value }));
              }}
              error={fieldError(`fw-${fw.component}`, 'sha256')}
              rightSectionWidth={96}
              rightSection={
                text.trim() === '' ? null : read === null ? (
                  <Badge color="gray" variant="light" size="sm">
                    not a hash
                  </Badge>
                ) : read === fw.sha256 ? (
                  <Badge color="green" variant="light" size="sm">
                    matches
                  </Badge>
                ) : (
                  <Badge color="red" variant="light" size="sm">
                    differs
                  </Badge>
                )
              }
            />
          );
        })}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Golden sample serial" value={d.serial} onChange={(e) => d.setSerial(e.currentTarget.value)} error={fieldError('golden', 'serial_number')} />
        <TextInput label="Seal number as found" value={d.seal} onChange={(e) => d.setSeal(e.currentTarget.value)} error={fieldError('golden', 'seal_number')} />
        <TextInput label="BOM revision on the line" value={d.bom} onChange={(e) => d.setBom(e.currentTarget.value)} error={fieldError('bom', 'revision')} />
        <TextInput label="AVL revision on the line" value={d.avl} onChange={(e) => d.setAvl(e.currentTarget.value)} error={fieldError('avl', 'revision')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id={`seal-${p.site_product_id}`}>
            Seal as found
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby={`seal-${p.site_product_id}`}
            value={d.sealState || 'not_checked'}
            onChange={(v) => d.setSealState(v === 'not_checked' ? '' : (v as SealState))}
            data={[
              { value: 'not_checked', label: 'Not checked' },
              { value: 'intact', label: 'Intact' },
              { value: 'broken', label: 'Broken' },
              { value: 'missing', label: 'Missing' },
            ]}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id={`aoi-${p.site_product_id}`}>
            X-ray/AOI against the golden board
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby={`aoi-${p.site_product_id}`}
            value={d.aoi || 'not_done'}
            onChange={(v) => d.setAoi(v === 'not_done' ? '' : (v as AOIState))}
            data={[
              { value: 'not_done', label: 'Not done' },
              { value: 'match', label: 'Match' },
              { value: 'mismatch', label: 'Mismatch' },
            ]}
          />
        </Stack>
      </SimpleGrid>
    </>
  );
}

/** A product's title: part number, revision and name. */
export const productTitle = (p: InspectionIntegrityProduct) => `${p.part_number}${p.revision ? ` rev ${p.revision}` : ''} · ${p.product_name}`;

function ProductObservations({ inspectionId, product: p, canEdit }: { inspectionId: number; product: InspectionIntegrityProduct; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const can = usePermissions();
  const [sealPhotos, setSealPhotos] = useState<File[]>([]);
  const [aoiPhotos, setAoiPhotos] = useState<File[]>([]);
  const draft = useObservationDraft(p);
  const [result, setResult] = useState<RecordedObservations | null>(null);
  const [indexOf, setIndexOf] = useState<Record<string, number>>({});

  const record = useMutation({
    mutationFn: async () => {
      const { obs, where } = draft.build();
      setIndexOf(where);
      // Photos are attachments of the inspection, named on the value they show.
      const path = `/inspections/${inspectionId}/attachments`;
      for (const [key, files] of [['golden', sealPhotos], ['aoi', aoiPhotos]] as const) {
        const at = where[key];
        if (files.length && at !== undefined) obs[at] = { ...obs[at]!, photo_ids: await uploadPhotos(path, files) };
      }
      return integrityApi.record(inspectionId, p.product_id, obs);
    },
    onSuccess: async (saved) => {
      setResult(saved);
      draft.reset();
      setSealPhotos([]);
      setAoiPhotos([]);
      // A mismatch raises findings: what a finding changes is stale too
      // (the inspection, the site's figures, the dashboard, the trail).
      await refreshAfter(queryClient, 'finding');
      await refreshAfter(queryClient, 'integrity');
    },
  });
  const err = serverErrors(record.error);
  const shown = Object.values(indexOf).flatMap((i) => ['sha256', 'serial_number', 'seal_number', 'revision'].map((f) => `observations.${i}.${f}`));
  const fieldError = (key: string, field: string) => (indexOf[key] === undefined ? undefined : err.field(`observations.${indexOf[key]}.${field}`));

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>{productTitle(p)}</Text>
        {canEdit && (
          <form
            aria-label={`Observations for ${p.part_number}`}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              record.mutate();
            }}
          >
            <Stack gap="sm">
              <FormError error={record.error} shownFields={shown} />
              <ObservationInputs product={p} draft={draft} fieldError={fieldError} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {draft.sealState !== '' ? <PhotoPicker label="Photo of the seal" files={sealPhotos} onChange={setSealPhotos} /> : <div />}
                {draft.aoi !== '' ? <PhotoPicker label="X-ray/AOI image" files={aoiPhotos} onChange={setAoiPhotos} /> : <div />}
              </SimpleGrid>
              <Group justify="flex-end">
                <Button type="submit" loading={record.isPending}>
                  Record observations
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {result && <RecordedSummary result={result} />}
        <ObservationsTable
          observations={p.observations}
          {...(can.remove
            ? {
                onDelete: async (o: IntegrityObservation) => {
                  await integrityApi.removeObservation(o.id);
                  await refreshAfter(queryClient, 'integrity');
                },
              }
            : {})}
        />
      </Stack>
    </Paper>
  );
}

export function RecordedSummary({ result }: { result: RecordedObservations }) {
  const raised = result.findings;
  if (raised.length === 0) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} role="status">
        {result.observations.length} value(s) recorded; all match the baseline.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" title={`${raised.length} mismatch(es) raised finding(s)`}>
      <Stack gap={4}>
        {raised.map((f) => (
          <Group key={f.id} gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={700} style={{ flexShrink: 0 }}>
              {label(f.severity)}
            </Text>
            <Anchor component={Link} to={`/findings/${f.id}`} size="sm">
              {f.description}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

/** The observations an inspection recorded for a product. */
export function ObservationsTable({ observations, onDelete }: { observations: IntegrityObservation[]; onDelete?: (o: IntegrityObservation) => Promise<unknown> }) {
  if (observations.length === 0) return null;
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table fz="sm" verticalSpacing={4} miw={560}>
        <Table.Thead bg="gray.1">
          <Table.Tr>
            <Table.Th scope="col">Value</Table.Th>
            <Table.Th scope="col">Observed</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
            {onDelete && <Table.Th scope="col">Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {observations.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>{integrityValueLabel(o.kind, o.component)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }} ff={o.kind === 'firmware' ? 'monospace' : undefined}>
                {observedText(o)}
              </Table.Td>
              <Table.Td>
                {o.matches ? (
                  <Badge color="green" variant="light" radius="sm" tt="none">
                    Matches
                  </Badge>
                ) : (
                  <Stack gap={2}>
                    <Group gap={6}>
                      <SeverityBadge severity={o.severity === 'critical' ? 'critical' : 'major'} size="sm" />
                      {o.finding_id && (
                        <Anchor component={Link} to={`/findings/${o.finding_id}`} size="sm">
                          Finding {o.finding_id}
                        </Anchor>
                      )}
                    </Group>
                    <Text size="xs">{o.problem}</Text>
                  </Stack>
                )}
                <PhotoStrip ids={o.photo_ids} label={`Photos of the ${integrityValueLabel(o.kind, o.component)} observation`} />
              </Table.Td>
              {onDelete && (
                <Table.Td>
                  <ConfirmButton label="Delete" title={`Delete this ${integrityValueLabel(o.kind, o.component)} observation?`} size="compact-sm" onConfirm={() => onDelete(o)}>
                    For a value recorded by mistake. A finding it raised stays, to be closed on its own; the deleted record is kept in the audit trail.
                  </ConfirmButton>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** An observation's value in a few words. */
export function observedText(o: IntegrityObservation): string {
  switch (o.kind) {
    case 'firmware':
      return o.sha256;
    case 'golden_sample':
      return `serial ${o.serial_number || '—'}, seal ${o.seal_number || '—'} (${o.seal_state})`;
    case 'aoi':
      return o.aoi_result;
    default:
      return o.revision;
  }
}
