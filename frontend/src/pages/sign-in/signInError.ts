import { isApiError } from '../../api';

/** "45 seconds"; from two minutes on, whole minutes rounded up ("15 minutes"), as nobody counts 900 seconds. */
export function waitDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** The words for a 429: how long to wait, when the server said. */
export function rateLimitMessage(secondsLeft: number | null): string {
  if (secondsLeft === null) return 'Too many attempts, try again later.';
  return `Too many attempts, try again in ${waitDuration(secondsLeft)}.`;
}

/**
 * What the sign-in form says about a failed attempt. `secondsLeft` is the live
 * Retry-After countdown; once it reaches 0 a rate-limit error says nothing more.
 */
export function signInErrorMessage(error: unknown, secondsLeft: number | null): string | null {
  if (!error) return null;
  // The server's words say which step failed and what to do: a wrong
  // password, a disabled account or ended access (told only once the
  // password was right), a wrong or spent code, an expired code step.
  if (isApiError(error, 401)) return error.message || 'Incorrect email or password.';
  if (isApiError(error, 429)) {
    if (secondsLeft !== null && secondsLeft <= 0) return null;
    return rateLimitMessage(secondsLeft);
  }
  if (error instanceof Error) return error.message;
  return 'Sign-in failed. Try again.';
}
