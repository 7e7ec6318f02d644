import { Alert, Button, FileInput, Group, Modal, Paper, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { downloadFile, uploadFile, type ImportResult } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ImportChanges } from './ImportChanges';

type Kind = 'sites' | 'certifications';

const ONE: Record<Kind, string> = { sites: 'site', certifications: 'certification' };

/** "1 site", "3 sites". */
function count(n: number, kind: Kind): string {
  return `${n} ${n === 1 ? ONE[kind] : kind}`;
}

const KIND_TEXT: Record<Kind, string> = {
  sites: 'Sites (and their manufacturers), matched by site code: existing sites are updated, new ones created.',
  certifications: 'Certificates of existing sites, matched by site code, standard and certificate number.',
};

/** An import's answer from a 2xx, or from a 422 that carries the row errors beside the error object. */
function readResult(body: unknown, dryRun: boolean): ImportResult | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<ImportResult>;
  if (!Array.isArray(b.errors)) return null;
  return { ...b, dry_run: b.dry_run ?? dryRun, created: b.created ?? 0, updated: b.updated ?? 0, manufacturers_created: b.manufacturers_created ?? 0, errors: b.errors };
}

export default function ImportPage() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('sites');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<'idle' | 'checking' | 'importing'>('idle');
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [templateError, setTemplateError] = useState<unknown>(null);

  const reset = () => {
    setPreview(null);
    setDone(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setDone(null);
    if (dryRun) setPreview(null);
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress(0);
    try {
      const { body } = await uploadFile<ImportResult>(`/imports/${kind}?dry_run=${dryRun}`, file, { onProgress: setProgress });
      const result = readResult(body, dryRun);
      if (dryRun) setPreview(result);
      else {
        setDone(result);
        setPreview(null);
        await queryClient.invalidateQueries();
      }
    } catch (err) {
      const result = readResult((err as { body?: unknown }).body, dryRun);
      if (result && result.errors.length > 0) setPreview(result);
      else setError(err);
    } finally {
      setPhase('idle');
    }
  };

  const template = async () => {
    setTemplateError(null);
    try {
      await downloadFile(`/imports/${kind}/template.xlsx`, `${kind}-template.xlsx`);
    } catch (err) {
      setTemplateError(err);
    }
  };

  const errors = preview?.errors ?? [];
  const uploadPct = Math.round(progress * 100);
  return (
    <>
      <PageHeader
        title="Import"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Import' }]}
        description="Bring your existing spreadsheets in. Every file is checked first; nothing changes until you confirm, and then all rows are imported or none."
      />
      <Stack gap="md" maw={1100}>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h5">
              1. What to import
            </Title>
            <SegmentedControl
              aria-label="What to import"
              value={kind}
              onChange={(v) => {
                setKind(v as Kind);
                reset();
              }}
              data={[
                { value: 'sites', label: 'Sites' },
                { value: 'certifications', label: 'Certifications' },
              ]}
              w="fit-content"
            />
            <Text size="sm" c="dimmed">
              {KIND_TEXT[kind]}
            </Text>
            <Group>
              <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void template()}>
                Download the {kind} template
              </Button>
            </Group>
            <FormError error={templateError} />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h5">
              2. Check your file
            </Title>
            <Group align="flex-end">
              <FileInput
                label="Spreadsheet (.xlsx, .ods or .csv)"
                placeholder="Choose a file"
                accept=".xlsx,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet,text/csv"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  reset();
                }}
                leftSection={<IconFileSpreadsheet size={16} />}
                clearable
                w={340}
              />
              <Button onClick={() => void run(true)} disabled={!file || phase !== 'idle'} loading={phase === 'checking'}>
                Check file (dry run)
              </Button>
            </Group>
            {phase !== 'idle' && (
              <Stack gap={4}>
                <Text size="sm" aria-live="polite">
                  {uploadPct < 100 ? `Uploading… ${uploadPct}%` : phase === 'checking' ? 'Checking every row…' : 'Importing…'}
                </Text>
                <Progress value={uploadPct < 100 ? uploadPct : 100} animated={uploadPct >= 100} aria-label="Import progress" />
              </Stack>
            )}
            <FormError error={error} />
          </Stack>
        </Paper>

        {preview && (
          <Paper withBorder p="md" data-testid="import-preview">
            <Stack gap="sm">
              <Title order={2} size="h5">
                3. {errors.length > 0 ? 'Fix these rows' : 'Confirm the import'}
              </Title>
              {preview.ignored_columns && preview.ignored_columns.length > 0 && (
                <Alert color="yellow" variant="light" title="Columns that were not read">
                  These headers match no field and are ignored: {preview.ignored_columns.join(', ')}.
                </Alert>
              )}
              {preview.warnings && preview.warnings.length > 0 && (
                <Alert color="yellow" variant="light" title="Rows left out">
                  {preview.warnings.map((w) => `Row ${w.row}: ${w.message}`).join(' ')}
                </Alert>
              )}
              {errors.length > 0 ? (
                <>
                  <Alert color="red" variant="light" role="alert" title={`${errors.length} problem${errors.length === 1 ? '' : 's'} found; nothing was imported`}>
                    Correct the rows in your spreadsheet and check it again. Row numbers are as your spreadsheet shows them (the header is row 1).
                  </Alert>
                  <Paper withBorder style={{ maxHeight: '60vh', overflow: 'auto' }}>
                    <Table stickyHeader fz="sm" verticalSpacing={4} striped="even" stripedColor="var(--mantine-color-gray-0)" miw={600}>
                      <Table.Caption style={{ captionSide: 'top', textAlign: 'left', padding: 8 }}>Row errors in {file?.name}</Table.Caption>
                      <Table.Thead bg="gray.1">
                        <Table.Tr>
                          <Table.Th scope="col">Sheet</Table.Th>
                          <Table.Th scope="col">Row</Table.Th>
                          <Table.Th scope="col">Column</Table.Th>
                          <Table.Th scope="col">Problem</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {errors.map((e, i) => (
                          <Table.Tr key={i}>
                            <Table.Td>{e.sheet}</Table.Td>
                            <Table.Td>{e.row || ''}</Table.Td>
                            <Table.Td>
                              {e.column}
                              {e.cell && (
                                <Text span size="xs" c="dimmed" ml={4}>
                                  ({e.cell})
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>{e.message}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Paper>
                </>
              ) : preview.created + preview.updated + (preview.unchanged ?? 0) === 0 ? (
                <EmptyState title="The file has no rows to import">Fill in the template below its header row and check it again.</EmptyState>
              ) : (
                <>
                  <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title="Every row is valid">
                    Importing will create {preview.created} and update {preview.updated} {kind}
                    {preview.manufacturers_created ? `, and create ${preview.manufacturers_created} manufacturers` : ''}.
                    {preview.unchanged ? ` ${preview.unchanged} rows match what is on record and stay as they are.` : ''} Blank cells
                    leave what is on record as it is.
                  </Alert>
                  {preview.changes && preview.changes.length > 0 && <ImportChanges changes={preview.changes} fileName={file?.name} />}
                  <Group>
                    <Button onClick={() => setConfirming(true)} loading={phase === 'importing'}>
                      Import {count(preview.created + preview.updated, kind)}
                    </Button>
                  </Group>
                </>
              )}
            </Stack>
          </Paper>
        )}

        {done && (
          <Alert color="green" icon={<IconCircleCheck size={18} />} title="Imported" role="status">
            {count(done.created, kind)} created, {done.updated} updated
            {done.manufacturers_created ? `, ${done.manufacturers_created} new manufacturers` : ''}. Every change is in the audit trail.
          </Alert>
        )}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Import ${kind}?`} centered>
        <Stack>
          <Text size="sm">
            {preview && `This creates ${preview.created} and updates ${preview.updated} ${kind}. `}
            All rows are imported in one go, or none if anything changed since the check.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              onClick={() => {
                setConfirming(false);
                void run(false);
              }}
            >
              Import now
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

