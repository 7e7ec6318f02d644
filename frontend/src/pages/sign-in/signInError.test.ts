import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { rateLimitMessage, signInErrorMessage } from './signInError';

describe('signInErrorMessage', () => {
  it("gives the server's reason on 401, which says which step failed", () => {
    const err = new ApiError(401, 'unauthenticated', 'The code is not correct or was used already.');
    expect(signInErrorMessage(err, null)).toBe('The code is not correct or was used already.');
    expect(signInErrorMessage(new ApiError(401, 'unauthenticated', ''), null)).toBe('Incorrect email or password.');
  });

  it('counts down a 429 and then clears', () => {
    const err = new ApiError(429, 'rate_limited', 'slow down', {}, 30);
    expect(signInErrorMessage(err, 30)).toBe('Too many attempts, try again in 30 seconds.');
    expect(signInErrorMessage(err, 1)).toBe('Too many attempts, try again in 1 second.');
    expect(signInErrorMessage(err, 0)).toBeNull();
  });

  it('switches to minutes for long waits', () => {
    const err = new ApiError(429, 'rate_limited', 'slow down', {}, 900);
    expect(signInErrorMessage(err, 119)).toBe('Too many attempts, try again in 119 seconds.');
    expect(signInErrorMessage(err, 120)).toBe('Too many attempts, try again in 2 minutes.');
    expect(signInErrorMessage(err, 900)).toBe('Too many attempts, try again in 15 minutes.');
    expect(signInErrorMessage(err, 841)).toBe('Too many attempts, try again in 15 minutes.');
  });

  it('handles a 429 without Retry-After', () => {
    expect(signInErrorMessage(new ApiError(429, 'rate_limited', 'x'), null)).toBe(rateLimitMessage(null));
  });

  it('passes other errors through', () => {
    expect(signInErrorMessage(new ApiError(0, 'network', 'Cannot reach the server'), null)).toBe(
      'Cannot reach the server',
    );
    expect(signInErrorMessage(null, null)).toBeNull();
  });
});
