// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installBrowserStubs } from '../test/render';
import { theme } from '../theme';
import { DateField } from './forms';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A list filter: what the field sends comes back as its value only later, as through the URL. */
function LaggingFilter({ sent }: { sent: string[] }) {
  const [value, setValue] = useState('');
  const [wanted, setWanted] = useState<string | null>(null);
  useEffect(() => {
    if (wanted === null) return;
    const timer = setTimeout(() => setValue(wanted), 500);
    return () => clearTimeout(timer);
  }, [wanted]);
  return (
    <DateField
      label="To"
      value={value}
      onChange={(v) => {
        sent.push(v);
        setWanted(v);
      }}
    />
  );
}

describe('a date field whose value comes back late', () => {
  it('sends the unreadable date that replaced a valid one before it came back, and keeps what was typed', async () => {
    installBrowserStubs();
    vi.useFakeTimers();
    const sent: string[] = [];
    render(
      <MantineProvider theme={theme} env="test">
        <LaggingFilter sent={sent} />
      </MantineProvider>,
    );
    const field = screen.getByRole('textbox', { name: 'To' });
    fireEvent.change(field, { target: { value: '24 Oct 2026' } });
    fireEvent.blur(field);
    // Before 2026-10-24 is back, the user types a date that does not exist.
    fireEvent.change(field, { target: { value: '31 Feb 2027' } });
    fireEvent.blur(field);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(sent).toEqual(['2026-10-24', '']);
    expect((field as HTMLInputElement).value).toBe('31 Feb 2027');
    expect(screen.getByText(/Write the date like/)).toBeTruthy();
  });

  it('still shows a value set from outside, such as clearing the filters', async () => {
    installBrowserStubs();
    function Cleared() {
      const [value, setValue] = useState('2026-10-24');
      return (
        <>
          <DateField label="From" value={value} onChange={setValue} />
          <button onClick={() => setValue('')}>Clear filters</button>
        </>
      );
    }
    render(
      <MantineProvider theme={theme} env="test">
        <Cleared />
      </MantineProvider>,
    );
    const field = screen.getByRole('textbox', { name: 'From' }) as HTMLInputElement;
    expect(field.value).toMatch(/24/);
    fireEvent.change(field, { target: { value: '25 Oct 2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(field.value).toBe('');
  });
});
