import { Checkbox, Modal, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { integrityApi, refreshAfter, type ComponentSource, type ComponentSourceUpdate, type SiteProduct } from '../../api';
import { DateField, FormButtons, ServerForm, serverErrors } from '../../components/forms';
import { PhotoPicker, PhotoStrip, uploadPhotos } from '../../components/Photos';
import { label } from '../../format/labels';

/**
 * Re-sealing the golden sample: the new seal number and the day it was
 * sealed (a seal number that changes after that day's visit is then no
 * mismatch), and photos of the sealed board taken on the spot.
 */
export function ReSealModal({ siteProduct: sp, title, onClose }: { siteProduct: SiteProduct; title: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    golden_serial: sp.golden_serial,
    golden_seal_number: '',
    golden_sealed_on: '',
    golden_custodian: sp.golden_custodian,
    golden_location: sp.golden_location,
  });
  const [photos, setPhotos] = useState<File[]>([]);
  const save = useMutation({
    mutationFn: async () => {
      const added = await uploadPhotos(`/sites/${sp.site_id}/attachments`, photos);
      return integrityApi.updateSiteProduct(sp.id, {
        version: sp.version,
        ...form,
        golden_sealed_on: form.golden_sealed_on || null,
        golden_photo_ids: [...sp.golden_photo_ids, ...added],
      });
    },
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onClose();
    },
  });
  const err = serverErrors(save.error);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Modal opened onClose={onClose} title={`Re-seal the golden sample of ${title}`} size="lg">
      <ServerForm
        label="Re-seal golden sample"
        onSubmit={() => save.mutate()}
        error={save.error}
        shownFields={['golden_serial', 'golden_seal_number', 'golden_sealed_on', 'golden_custodian', 'golden_location']}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="New seal number"
            required
            description={`Now ${sp.golden_seal_number || '—'}`}
            value={form.golden_seal_number}
            onChange={(e) => set('golden_seal_number')(e.currentTarget.value)}
            error={err.field('golden_seal_number')}
          />
          <DateField label="Sealed on" required value={form.golden_sealed_on} onChange={set('golden_sealed_on')} error={err.field('golden_sealed_on')} />
          <TextInput label="Golden sample serial" value={form.golden_serial} onChange={(e) => set('golden_serial')(e.currentTarget.value)} error={err.field('golden_serial')} />
          <TextInput label="Custodian" value={form.golden_custodian} onChange={(e) => set('golden_custodian')(e.currentTarget.value)} error={err.field('golden_custodian')} />
          <TextInput label="Storage location" value={form.golden_location} onChange={(e) => set('golden_location')(e.currentTarget.value)} error={err.field('golden_location')} />
        </SimpleGrid>
        <PhotoStrip ids={sp.golden_photo_ids} label="Golden sample photos" />
        <PhotoPicker label="Add golden sample photo" files={photos} onChange={setPhotos} />
        <FormButtons submit="Record re-sealing" pending={save.isPending} onCancel={onClose} />
      </ServerForm>
    </Modal>
  );
}

const SOURCE_TYPES = ['manufacturer', 'authorised_distributor', 'independent_distributor', 'broker'] as const;

/** Editing a component source; a changed justification, or a source marked unauthorised, is accepted again by a manager. */
export function EditSourceModal({ source: s, onClose }: { source: ComponentSource; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: s.name,
    source_type: s.source_type as string,
    families: s.component_families.join(', '),
    authorised: s.authorised,
    certification_standard: s.certification_standard,
    certificate_number: s.certificate_number,
    certificate_expires_on: s.certificate_expires_on ?? '',
    justification: s.justification,
  });
  const save = useMutation({
    mutationFn: () => {
      const body: ComponentSourceUpdate = {
        version: s.version,
        name: form.name,
        source_type: form.source_type as ComponentSource['source_type'],
        component_families: form.families.split(',').map((f) => f.trim()).filter(Boolean),
        authorised: form.authorised,
        certification_standard: form.certification_standard,
        certificate_number: form.certificate_number,
        certificate_expires_on: form.certificate_expires_on || null,
        justification: form.justification,
      };
      return integrityApi.updateSource(s.id, body);
    },
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onClose();
    },
  });
  const err = serverErrors(save.error);
  return (
    <Modal opened onClose={onClose} title={`Edit ${s.name}`} size="lg">
      <ServerForm
        label="Edit component source"
        onSubmit={() => save.mutate()}
        error={save.error}
        shownFields={['name', 'source_type', 'component_families', 'certification_standard', 'certificate_number', 'certificate_expires_on', 'justification']}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Source name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={err.field('name')} />
          <Select
            label="Type"
            data={SOURCE_TYPES.map((t) => ({ value: t, label: label(t) }))}
            value={form.source_type}
            onChange={(v) => setForm({ ...form, source_type: v ?? form.source_type })}
            error={err.field('source_type')}
          />
          <TextInput
            label="Component families"
            description="Separated by commas"
            value={form.families}
            onChange={(e) => setForm({ ...form, families: e.currentTarget.value })}
            error={err.field('component_families')}
          />
          <TextInput
            label="Certification"
            placeholder="SAE AS6081"
            value={form.certification_standard}
            onChange={(e) => setForm({ ...form, certification_standard: e.currentTarget.value })}
            error={err.field('certification_standard')}
          />
          <TextInput
            label="Certificate number"
            value={form.certificate_number}
            onChange={(e) => setForm({ ...form, certificate_number: e.currentTarget.value })}
            error={err.field('certificate_number')}
          />
          <DateField label="Certificate expires" value={form.certificate_expires_on} onChange={(v) => setForm({ ...form, certificate_expires_on: v })} error={err.field('certificate_expires_on')} />
        </SimpleGrid>
        <Checkbox label="Authorised by the original component manufacturer" checked={form.authorised} onChange={(e) => setForm({ ...form, authorised: e.currentTarget.checked })} />
        {!form.authorised && (
          <TextInput
            label="Justification for an unauthorised source"
            description="A changed justification is accepted again by a manager."
            value={form.justification}
            onChange={(e) => setForm({ ...form, justification: e.currentTarget.value })}
            error={err.field('justification')}
          />
        )}
        <FormButtons submit="Save source" pending={save.isPending} onCancel={onClose} />
      </ServerForm>
    </Modal>
  );
}
