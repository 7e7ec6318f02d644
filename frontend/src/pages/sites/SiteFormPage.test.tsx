// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Site } from '../../api';
import { fakeApi, on, renderAsApp } from '../../test/render';
import SiteFormPage from './SiteFormPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type User = ReturnType<typeof userEvent.setup>;

async function fill(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

const manufacturers = {
  items: [
    { id: 1, name: 'Acme Electronics', archived: false },
    { id: 2, name: 'Baltic Boards', archived: false },
  ],
  total: 2,
  page: 1,
  page_size: 200,
};
const manufacturersList = on('GET', '/manufacturers?page_size=200&sort=name&archived=all', 200, manufacturers);

const existing = {
  id: 5,
  version: 4,
  manufacturer_id: 1,
  code: 'ACME-SZ1',
  name: 'Acme Shenzhen 1',
  address: '88 Keji Road',
  city: 'Shenzhen',
  country: 'CN',
  processes: ['smt', 'testing'],
  approved_scope: 'SMT and test',
  risk_tier: 'high',
  contact_name: 'Li Wei',
  contact_email: 'li.wei@acme.example',
  contact_phone: '+86 755 1234 5678',
  notes: '',
  qualification_status: 'qualified',
} as unknown as Site;

describe('the site form', { timeout: 30_000 }, () => {
  it('creates a site from names, not codes: the manufacturer, the country and the processes', async () => {
    const api = fakeApi(manufacturersList, on('POST', '/sites', 201, { ...existing, id: 77 }));
    const user = userEvent.setup();
    renderAsApp(<SiteFormPage />, { path: '/sites/new' });

    await user.click(await screen.findByRole('textbox', { name: /Manufacturer/ }));
    await user.click(await screen.findByRole('option', { name: 'Baltic Boards' }));
    await fill(user, screen.getByRole('textbox', { name: /Site code/ }), ' BB-RIGA1 ');
    await fill(user, screen.getByRole('textbox', { name: /Site name/ }), 'Baltic Boards Riga');
    await user.click(screen.getByRole('textbox', { name: /Country/ }));
    await user.paste('Latvia');
    await user.click(await screen.findByRole('option', { name: /Latvia/ }));
    await user.click(screen.getByRole('textbox', { name: /Processes/ }));
    await user.click(await screen.findByRole('option', { name: 'Final assembly' }));
    await user.click(screen.getByRole('button', { name: /Save|Create/ }));

    // On to the new site, without asking to discard the (saved) input, however fast the answer came.
    expect((await screen.findByTestId('elsewhere')).textContent).toBe('/sites/77');
    expect(screen.queryByText('Leave without saving?')).toBeNull();
    const body = api.calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ manufacturer_id: 2, code: 'BB-RIGA1', name: 'Baltic Boards Riga', country: 'LV', processes: ['final_assembly'] });
  });

  it('asks before leaving with unsaved input', async () => {
    fakeApi(manufacturersList);
    const user = userEvent.setup();
    renderAsApp(<SiteFormPage />, { path: '/sites/new' });
    await fill(user, await screen.findByRole('textbox', { name: /Site name/ }), 'Half typed');
    await user.click(screen.getByRole('link', { name: 'Cancel' }));
    expect(await screen.findByText('Leave without saving?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect((await screen.findByTestId('elsewhere')).textContent).toBe('/sites');
  });

  it('sends an edit as the changed fields and the version, and keeps the input on a refusal', async () => {
    const api = fakeApi(
      manufacturersList,
      on('GET', '/sites/5', 200, existing),
      on('PATCH', '/sites/5', 422, {
        error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { contact_email: 'Write an e-mail address like name@example.com.' } },
      }),
    );
    const user = userEvent.setup();
    renderAsApp(<SiteFormPage />, { path: '/sites/5/edit', route: '/sites/:id/edit' });

    const email = await screen.findByRole('textbox', { name: /Contact e-mail/ });
    await user.clear(email);
    await fill(user, email, 'li.wei at acme');
    await user.click(screen.getByRole('button', { name: /Save/ }));

    expect(await screen.findByText('Write an e-mail address like name@example.com.')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ contact_email: 'li.wei at acme', version: 4 });
    expect((screen.getByRole('textbox', { name: /Contact e-mail/ }) as HTMLInputElement).value).toBe('li.wei at acme');
    expect(screen.queryByTestId('elsewhere')).toBeNull();
  });
});
