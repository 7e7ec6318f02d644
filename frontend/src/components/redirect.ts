/**
 * Where to go after signing in. Only a path on this site is accepted, so a
 * crafted link (?next=https://evil.example or //evil.example) cannot send a
 * user elsewhere after they type their password.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/sign-in/')) return '/';
  // Control characters (tab, newline) are dropped by URL parsers and can turn "/\t/x" into "//x".
  for (let i = 0; i < next.length; i++) {
    const c = next.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return '/';
  }
  return next;
}

/** The sign-in URL that brings the user back to `path` afterwards. */
export function signInPath(path: string): string {
  const next = safeNextPath(path);
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
