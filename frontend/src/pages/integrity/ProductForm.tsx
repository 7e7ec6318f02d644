import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { productsApi, refreshAfter, type Product, type ProductUpdate } from '../../api';
import { changedFields } from '../../components/changedFields';
import { FormButtons, serverErrors, ServerForm } from '../../components/forms';
import { FormModal } from '../../components/UnsavedChanges';

const FIELDS = ['part_number', 'revision', 'name', 'notes'] as const;

type ProductDraft = Required<Omit<ProductUpdate, 'version'>>;

function fromRecord(p: Product): ProductDraft {
  return { part_number: p.part_number, revision: p.revision, name: p.name, notes: p.notes };
}

/**
 * Editing a product: part number, revision, name and notes. Only what
 * changed is sent, with the version read; someone else's change meanwhile
 * is shown with a reload, and closing with unsaved input asks first.
 */
export function ProductEditModal({ product, opened, onClose, onReload }: { product: Product; opened: boolean; onClose: () => void; onReload: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title={`Edit ${product.part_number}`} size="lg" centered>
      {opened && <ProductForm product={product} onClose={onClose} onReload={onReload} />}
    </FormModal>
  );
}

function ProductForm({ product, onClose, onReload }: { product: Product; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ProductDraft>(fromRecord(product));
  const save = useMutation({
    mutationFn: () => productsApi.update(product.id, { ...changedFields(fromRecord(product), form), version: product.version }),
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onClose();
    },
  });
  const err = serverErrors(save.error, FIELDS);
  const set = (k: keyof ProductDraft) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <ServerForm
      label="Edit product"
      onSubmit={() => save.mutate()}
      error={save.error}
      shownFields={FIELDS}
      onReload={() => {
        onReload();
        onClose();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Part number" required value={form.part_number} onChange={(e) => set('part_number')(e.currentTarget.value)} error={err.field('part_number')} />
        <TextInput label="Revision" value={form.revision} onChange={(e) => set('revision')(e.currentTarget.value)} error={err.field('revision')} />
      </SimpleGrid>
      <TextInput label="Name" required value={form.name} onChange={(e) => set('name')(e.currentTarget.value)} error={err.field('name')} />
      <Textarea label="Notes" autosize minRows={2} value={form.notes} onChange={(e) => set('notes')(e.currentTarget.value)} error={err.field('notes')} />
      <FormButtons submit="Save product" pending={save.isPending} onCancel={onClose} />
    </ServerForm>
  );
}
