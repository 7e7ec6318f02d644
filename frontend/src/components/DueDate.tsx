import { Text } from '@mantine/core';
import { dueState, formatCalendarDate, relativeDue } from '../format/dates';

const STATE_COLOR = { overdue: 'red.8', today: 'orange.8', soon: 'yellow.9', later: 'dimmed' } as const;

/**
 * A due date with how far away it is: "12 Dec 2026 · in 16 days" or
 * "3 Nov 2026 · 23 days overdue". `done` shows the plain date (nothing is due).
 */
export function DueDate({ date, done = false, soonDays = 30, inline = false }: { date: string | null | undefined; done?: boolean; soonDays?: number; inline?: boolean }) {
  if (!date) return <Text span size="sm" c="dimmed">—</Text>;
  const state = dueState(date, new Date(), soonDays);
  const color = done || !state ? 'dimmed' : STATE_COLOR[state];
  return (
    <Text span size="sm" style={{ whiteSpace: inline ? 'nowrap' : undefined }}>
      {formatCalendarDate(date)}
      {!done && (
        <Text span size="xs" c={color} fw={state === 'overdue' ? 600 : 400} ml={6}>
          {relativeDue(date)}
        </Text>
      )}
    </Text>
  );
}
