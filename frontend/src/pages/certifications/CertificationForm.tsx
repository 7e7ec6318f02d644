import { Alert, Anchor, Box, Button, Checkbox, FileInput, Group, Progress, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { FormModal } from '../../components/UnsavedChanges';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { attachmentsPath, COMMON_STANDARDS, certificationsApi, uploadFile, type Certification, type CertificationDraft, refreshAfter, queryKeys } from '../../api';
import { changedFields } from '../../components/changedFields';
import { DateField, FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { SitePicker } from '../../components/SitePicker';

const FIELDS = ['site_id', 'standard', 'certificate_number', 'issuing_body', 'scope', 'issued_on', 'expires_on', 'withdrawn', 'withdrawn_reason', 'verified'] as const;

function fromRecord(c: Certification): CertificationDraft {
  return {
    site_id: c.site_id,
    standard: c.standard,
    certificate_number: c.certificate_number,
    issuing_body: c.issuing_body,
    scope: c.scope,
    issued_on: c.issued_on,
    expires_on: c.expires_on,
    withdrawn: c.withdrawn,
    withdrawn_reason: c.withdrawn_reason,
  };
}

/** Add a certificate (to a given site, or pick one) or edit one. */
export function CertificationModal({
  opened,
  onClose,
  siteId,
  record,
  onReload,
}: {
  opened: boolean;
  onClose: () => void;
  siteId?: number;
  record?: Certification;
  onReload?: () => void;
}) {
  return (
    <FormModal opened={opened} onClose={onClose} title={record ? `Edit ${record.standard}` : 'Add a certification'} size="lg" centered>
      {opened && <CertificationForm onClose={onClose} siteId={siteId} record={record} onReload={onReload} />}
    </FormModal>
  );
}

function CertificationForm({ onClose, siteId, record, onReload }: { onClose: () => void; siteId?: number | undefined; record?: Certification | undefined; onReload?: (() => void) | undefined }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CertificationDraft>(
    record
      ? fromRecord(record)
      : { site_id: siteId ?? 0, standard: '', certificate_number: '', issuing_body: '', scope: '', issued_on: null, expires_on: null, withdrawn: false, withdrawn_reason: '' },
  );
  const [verified, setVerified] = useState(false);
  const standardsList = useId();
  // The certificate's scan, uploaded right after the certification is created.
  const [scan, setScan] = useState<File | null>(null);
  const [scanProgress, setScanProgress] = useState<number | null>(null);
  // A certification created whose scan did not upload: the record stays, the form offers to try again.
  const [created, setCreated] = useState<Certification | null>(null);
  const [scanError, setScanError] = useState<unknown>(null);

  const uploadScan = async (saved: Certification, file: File) => {
    setScanError(null);
    setScanProgress(0);
    try {
      await uploadFile(attachmentsPath('certification', saved.id), file, { onProgress: setScanProgress });
      await refreshAfter(queryClient, 'attachment');
      onClose();
    } catch (e) {
      setCreated(saved);
      setScanError(e);
    } finally {
      setScanProgress(null);
    }
  };

  const save = useMutation({
    mutationFn: () => {
      const body = { ...form, ...(verified ? { verified: true } : {}) };
      return record
        ? certificationsApi.update(record.id, { ...changedFields(fromRecord(record), form), ...(verified ? { verified: true } : {}), version: record.version })
        : certificationsApi.create(body);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.certification(saved.id), saved);
      await refreshAfter(queryClient, 'certification');
      if (!record && scan) await uploadScan(saved, scan);
      else onClose();
    },
  });

  if (created) {
    return (
      <Stack gap="md">
        <Alert color="orange" variant="light" role="alert" title="The certification is recorded, but its scan was not attached">
          <Text size="sm">
            {created.standard} {created.certificate_number} was saved. Uploading {scan?.name ?? 'the scan'} failed: {(scanError as Error | null)?.message ?? 'unknown error'}
          </Text>
          <Text size="sm" mt={4}>
            Try again, choose another file, or attach it later on the{' '}
            <Anchor component={Link} to={`/certifications/${created.id}`} onClick={onClose} size="sm">
              certificate&apos;s page
            </Anchor>
            .
          </Text>
        </Alert>
        <FileInput label="Certificate scan" accept="application/pdf,image/*" value={scan} onChange={setScan} clearable leftSection={<IconFileUpload size={16} />} />
        <ScanProgress name={scan?.name} fraction={scanProgress} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close without the scan
          </Button>
          <Button disabled={!scan} loading={scanProgress !== null} onClick={() => scan && void uploadScan(created, scan)}>
            Try the upload again
          </Button>
        </Group>
      </Stack>
    );
  }

  const err = serverErrors(save.error, FIELDS);
  const set = <K extends keyof CertificationDraft>(k: K, v: CertificationDraft[K]) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <ServerForm
      label={record ? 'Edit certification' : 'Add a certification'}
      onSubmit={() => save.mutate()}
      error={save.error}
      shownFields={FIELDS}
      onReload={() => {
        onReload?.();
        onClose();
      }}
    >
      {!siteId && !record && <SitePicker value={form.site_id || null} onChange={(v) => set('site_id', v ?? 0)} required error={err.field('site_id')} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {/* A plain field with the browser's own suggestions: Mantine's
            combobox drops what is typed into it right after the dialog
            opens, on a slow device. */}
        <TextInput
          label="Standard"
          required
          list={standardsList}
          autoComplete="off"
          value={form.standard}
          onChange={(e) => set('standard', e.currentTarget.value)}
          error={err.field('standard')}
          placeholder="e.g. ISO 9001:2015"
        />
        <datalist id={standardsList}>
          {COMMON_STANDARDS.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <TextInput label="Certificate number" value={form.certificate_number} onChange={(e) => set('certificate_number', e.currentTarget.value)} error={err.field('certificate_number')} />
        <TextInput label="Issuing body" value={form.issuing_body} onChange={(e) => set('issuing_body', e.currentTarget.value)} error={err.field('issuing_body')} placeholder="e.g. TÜV SÜD" />
        {/* Keeps the dates on a row of their own beside each other; not on a phone, where every field has its row. */}
        <Box visibleFrom="sm" />
        <DateField label="Issued on" value={form.issued_on ?? ''} onChange={(v) => set('issued_on', v || null)} error={err.field('issued_on')} />
        <DateField label="Expires on" required value={form.expires_on ?? ''} onChange={(v) => set('expires_on', v || null)} error={err.field('expires_on')} />
      </SimpleGrid>
      <Textarea label="Scope" autosize minRows={2} value={form.scope} onChange={(e) => set('scope', e.currentTarget.value)} error={err.field('scope')} />
      <Checkbox
        label="I checked this certificate against the issuing body's register"
        checked={verified}
        onChange={(e) => setVerified(e.currentTarget.checked)}
        error={err.field('verified')}
      />
      {record && (
        <>
          <Checkbox label="Withdrawn by the issuing body" checked={!!form.withdrawn} onChange={(e) => set('withdrawn', e.currentTarget.checked)} error={err.field('withdrawn')} />
          {form.withdrawn && (
            <TextInput label="Why it was withdrawn" value={form.withdrawn_reason ?? ''} onChange={(e) => set('withdrawn_reason', e.currentTarget.value)} error={err.field('withdrawn_reason')} />
          )}
        </>
      )}
      {!record && (
        <>
          <FileInput
            label="Certificate scan"
            description="Optional: the certificate as a PDF or photo, attached when the certification is added"
            placeholder="Choose a file"
            accept="application/pdf,image/*"
            value={scan}
            onChange={setScan}
            clearable
            leftSection={<IconFileUpload size={16} />}
          />
          <ScanProgress name={scan?.name} fraction={scanProgress} />
        </>
      )}
      <FormButtons submit={record ? 'Save changes' : 'Add certification'} pending={save.isPending || scanProgress !== null} onCancel={onClose} />
    </ServerForm>
  );
}

function ScanProgress({ name, fraction }: { name: string | undefined; fraction: number | null }) {
  if (fraction === null) return null;
  return (
    <div>
      <Text size="sm" mb={4}>
        Uploading {name}… {Math.round(fraction * 100)}%
      </Text>
      <Progress value={fraction * 100} aria-label={`Upload progress for ${name ?? 'the scan'}`} animated />
    </div>
  );
}
