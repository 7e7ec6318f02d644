import { Alert } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { manufacturersApi } from '../api';
import { useCurrentUser } from './CurrentUser';

/** The screens that count or list records: a scoped auditor is told there what they are limited to. */
const LIST_SCREENS = ['/', '/manufacturers', '/sites', '/inspections', '/inspections/calendar', '/findings', '/certifications', '/reports', '/audit-trail'];

export function showsScopeBanner(pathname: string): boolean {
  return LIST_SCREENS.includes(pathname);
}

/** "Your view is limited to the records of Acme Electronics and Baltic Boards." */
export function scopeSentence(names: string[]): string {
  if (names.length === 0) return 'Your view is limited to the manufacturers an administrator chose for you.';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `Your view is limited to the records of ${list}: other manufacturers' sites, inspections, findings and certificates are not shown or counted.`;
}

/** Tells a scoped auditor whose records the screen is limited to. */
export function ScopeBanner({ pathname }: { pathname: string }) {
  const user = useCurrentUser();
  const scoped = (user.scope_manufacturer_ids?.length ?? 0) > 0;
  const params = { page_size: 100, sort: 'name' };
  // A scoped reader's manufacturer list holds exactly the manufacturers of the scope.
  const names = useQuery({
    queryKey: ['manufacturers', params],
    queryFn: ({ signal }) => manufacturersApi.list(params, signal),
    enabled: scoped && showsScopeBanner(pathname),
  });
  if (!scoped || !showsScopeBanner(pathname)) return null;
  return (
    <Alert color="blue" icon={<IconFilter size={18} />} mb="md" py="xs" data-testid="scope-banner" title="Limited view">
      {scopeSentence((names.data?.items ?? []).map((m) => m.name))}
    </Alert>
  );
}
