import {
  Anchor,
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { label } from '../format/labels';
import { useDisclosure } from '@mantine/hooks';
import { IconBellCog, IconKey, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isApiError, isReadOnly, logout, meQueryKey, type User } from '../api';
import { formatTimestamp } from '../format/dates';
import { useCurrentUser } from './CurrentUser';
import { focusHeadingAfterNavigation } from './headingFocus';
import { Logo } from './Logo';
import { ScopeBanner } from './ScopeBanner';
import { NotificationsBell } from './NotificationsBell';
import { activeLink, navFor } from './navigation';


function UserSummary({ user }: { user: User }) {
  const readOnly = isReadOnly(user.role);
  return (
    <Group gap="xs" wrap="nowrap" data-testid="current-user">
      <Text size="sm" fw={600} truncate maw={220}>
        {user.name}
      </Text>
      <Badge variant="light" color="gray" radius="sm" tt="none" aria-label={`Role: ${label(user.role)}`}>
        {label(user.role)}
      </Badge>
      {readOnly && (
        <Tooltip
          label={
            user.access_expires_at
              ? `You can read every record but change nothing. Access ends ${formatTimestamp(user.access_expires_at)}.`
              : 'You can read every record but change nothing.'
          }
          multiline
          w={260}
        >
          <Badge variant="filled" color="yellow.6" c="dark.8" radius="sm" tt="none">
            Read-only
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** After a navigation inside the app (not the first load), the new page's heading takes focus. */
function useFocusHeadingOnNavigation(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusHeadingAfterNavigation();
  }, [pathname]);
}

export function AppLayout() {
  const user = useCurrentUser();
  const [navOpen, nav] = useDisclosure(false);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // Close the mobile navbar after following a link.
  const closeNav = nav.close;
  useEffect(() => closeNav(), [pathname, closeNav]);
  useFocusHeadingOnNavigation(pathname);

  const signOut = useMutation({
    mutationFn: logout,
    onSettled: (_data, error) => {
      // A 401 means the session had already ended: signed out either way.
      if (error && !isApiError(error, 401)) return;
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      void navigate('/sign-in', { replace: true });
    },
  });

  // A session that may only enrol in two-factor sign-in has nowhere else to go.
  const enrolling = user.totp_enrolment_required || user.must_change_password === true;
  const sections = enrolling ? [] : navFor(user.role);
  const current = activeLink(
    pathname,
    sections.flatMap((s) => s.items),
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !navOpen } }}
      padding="lg"
      bg="gray.0"
    >
      <AppShell.Header withBorder>
        <a href="#main" className="qt-skip-link">
          Skip to main content
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="md" size="sm" aria-label="Toggle navigation" />
            <Anchor component={Link} to="/" underline="never" c="inherit" aria-label="qualtrack home">
              <Group gap={8} wrap="nowrap">
                <Logo size={26} />
                <Text fw={700} size="lg" visibleFrom="xs" style={{ letterSpacing: '-0.01em' }}>
                  qualtrack
                </Text>
              </Group>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box visibleFrom="xs">
              <UserSummary user={user} />
            </Box>
            {!enrolling && <NotificationsBell />}
            {signOut.error && !isApiError(signOut.error, 401) && (
              <Text size="xs" c="red.8" role="alert">
                Sign-out failed: {signOut.error.message}
              </Text>
            )}
            <Button
              variant="default"
              size="xs"
              leftSection={<IconLogout size={16} stroke={1.6} />}
              onClick={() => signOut.mutate()}
              loading={signOut.isPending}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main">
        <AppShell.Section hiddenFrom="xs" p="xs">
          <UserSummary user={user} />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md" py={4}>
            {sections.map((section, i) => (
              <Box key={section.label ?? i}>
                {section.label && (
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4} style={{ letterSpacing: '0.04em' }}>
                    {section.label}
                  </Text>
                )}
                {section.items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    leftSection={<item.icon size={18} stroke={1.6} />}
                    active={current === item.to}
                    aria-current={current === item.to ? 'page' : undefined}
                    className="qt-navlink"
                    style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                  />
                ))}
              </Box>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <NavLink
            component={Link}
            to="/account/password"
            label="Change password"
            leftSection={<IconKey size={18} stroke={1.6} />}
            active={pathname === '/account/password'}
            className="qt-navlink"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          />
          <NavLink
            component={Link}
            to="/profile/security"
            label="Two-factor sign-in"
            leftSection={<IconShieldLock size={18} stroke={1.6} />}
            active={pathname === '/profile/security'}
            className="qt-navlink"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          />
          <NavLink
            component={Link}
            to="/profile/notifications"
            label="Notification settings"
            leftSection={<IconBellCog size={18} stroke={1.6} />}
            active={pathname === '/profile/notifications'}
            className="qt-navlink"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          />
          <NavLink
            component="button"
            label="Sign out"
            leftSection={<IconLogout size={18} stroke={1.6} />}
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
            hiddenFrom="md"
            className="qt-navlink"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1400} mx="auto">
          <Suspense
            fallback={
              <Center py="xl">
                <Loader size="sm" aria-label="Loading screen" />
              </Center>
            }
          >
            <ScopeBanner pathname={pathname} />
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
