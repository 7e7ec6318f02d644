// @vitest-environment jsdom
import { MantineProvider, Modal, TextInput } from '@mantine/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installBrowserStubs } from '../test/render';
import { theme } from '../theme';
import { FormModal } from './UnsavedChanges';

beforeAll(installBrowserStubs);
afterEach(cleanup);

const nextTask = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));

function Dialog() {
  return (
    <MantineProvider theme={theme}>
      <FormModal opened onClose={() => {}} title="Add a thing">
        <TextInput label="Name" />
        <TextInput label="Number" />
      </FormModal>
    </MantineProvider>
  );
}

describe('a dialog opening', () => {
  it('leaves the focus in the field someone started typing in before the dialog finished opening', async () => {
    render(<Dialog />);
    // Typing in the second field at once, before the focus trap's first move.
    const number = screen.getByRole('textbox', { name: 'Number' });
    number.focus();
    await nextTask();
    expect(document.activeElement).toBe(number);
  });

  it('does the same in a plain dialog', async () => {
    render(
      <MantineProvider theme={theme}>
        <Modal opened onClose={() => {}} title="Why?">
          <TextInput label="Reason" />
          <TextInput label="Reference" />
        </Modal>
      </MantineProvider>,
    );
    const reference = screen.getByRole('textbox', { name: 'Reference' });
    reference.focus();
    await nextTask();
    expect(document.activeElement).toBe(reference);
  });

  it('still moves the focus into the dialog when nothing in it has the focus', async () => {
    render(<Dialog />);
    await nextTask();
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
  });
});
