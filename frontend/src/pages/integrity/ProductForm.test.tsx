// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Product } from '../../api';
import { fakeApi, on, renderAsApp } from '../../test/render';
import { ProductEditModal } from './ProductForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type User = ReturnType<typeof userEvent.setup>;

async function replace(user: User, name: RegExp, text: string) {
  const field = screen.getByRole('textbox', { name });
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

const product = {
  id: 12,
  version: 3,
  part_number: 'QT-MB7',
  revision: 'B',
  name: 'Mainboard',
  notes: 'Dual socket',
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-02-01T10:00:00Z',
} as Product;

describe('the product edit dialog', { timeout: 20_000 }, () => {
  it('sends only the changed fields with the version it was read at, and closes once saved', async () => {
    const api = fakeApi(on('PATCH', '/products/12', 200, { ...product, revision: 'C', name: 'Mainboard 2U', version: 4 }));
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<ProductEditModal product={product} opened onClose={onClose} onReload={() => {}} />);

    await replace(user, /Revision/, 'C');
    await replace(user, /Name/, 'Mainboard 2U');
    await user.click(screen.getByRole('button', { name: 'Save product' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ revision: 'C', name: 'Mainboard 2U', version: 3 });
  });

  it("shows the server's refusal on the field it names and keeps what was typed", async () => {
    fakeApi(
      on('PATCH', '/products/12', 409, {
        error: { code: 'conflict', message: 'A product with this part number and revision exists already.', fields: { part_number: 'A product with this part number and revision exists already.' } },
      }),
    );
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<ProductEditModal product={product} opened onClose={onClose} onReload={() => {}} />);

    await replace(user, /Part number/, 'QT-MB8');
    await user.click(screen.getByRole('button', { name: 'Save product' }));

    const field = screen.getByRole('textbox', { name: /Part number/ }) as HTMLInputElement;
    expect(await screen.findByText('A product with this part number and revision exists already.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe('QT-MB8');
    expect(onClose).not.toHaveBeenCalled();
  });

  it("says someone else changed the product meanwhile and offers to reload it", async () => {
    fakeApi(on('PATCH', '/products/12', 409, { error: { code: 'version_conflict', message: 'The record was changed by someone else.' } }));
    const user = userEvent.setup();
    const onReload = vi.fn();
    const onClose = vi.fn();
    renderAsApp(<ProductEditModal product={product} opened onClose={onClose} onReload={onReload} />);

    await replace(user, /Notes/, 'Single socket');
    await user.click(screen.getByRole('button', { name: 'Save product' }));

    expect(await screen.findByText('Someone else changed this record')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reload the record' }));
    expect(onReload).toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
  });

  it('asks before closing with unsaved input, and keeps it when the user goes on editing', async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<ProductEditModal product={product} opened onClose={onClose} onReload={() => {}} />);

    await replace(user, /Name/, 'Half typed');
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Discard your changes?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(onClose).not.toHaveBeenCalled();
    expect((screen.getByRole('textbox', { name: /Name/ }) as HTMLInputElement).value).toBe('Half typed');

    await user.click(screen.getByRole('textbox', { name: /Name/ }));
    await user.keyboard('{Escape}');
    await user.click(await screen.findByRole('button', { name: 'Discard changes' }));
    expect(onClose).toHaveBeenCalled();
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });
});
