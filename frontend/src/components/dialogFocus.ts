import type { FocusEvent } from 'react';

/**
 * A dialog's focus trap moves the focus, a moment after the dialog opens, to
 * its [data-autofocus] element, else to its first one (the close button).
 * Someone quick, or anyone on a slow device, may be typing in a field by
 * then, and what they type next would go nowhere. So the field that gets the
 * focus becomes the [data-autofocus] element: the trap's move leaves the
 * focus where it is.
 */
export function keepFocusWhereTyping(e: FocusEvent<HTMLElement>) {
  const target = e.target;
  if (!(target instanceof HTMLElement) || target.hasAttribute('data-autofocus')) return;
  e.currentTarget.querySelectorAll('[data-autofocus]').forEach((el) => el.removeAttribute('data-autofocus'));
  target.setAttribute('data-autofocus', '');
}
