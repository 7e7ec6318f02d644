// Focus after navigation: the new page's heading takes focus, so a screen
// reader announces the page and the next Tab starts in its content. A record
// page first shows a loading header and then its own: the second heading
// takes focus too, unless the user has meanwhile moved it somewhere.

let requestedAt = -Infinity;
const WINDOW_MS = 5000;

function focusHeading(heading: HTMLElement) {
  heading.tabIndex = -1;
  heading.focus();
}

/** Called on navigation: focuses the heading on screen and lets the next one to mount take focus. */
export function focusHeadingAfterNavigation() {
  requestedAt = performance.now();
  const heading = document.querySelector<HTMLElement>('#main h1');
  if (heading) focusHeading(heading);
}

/** Called when a page heading mounts. */
export function headingMounted(heading: HTMLElement | null) {
  if (!heading || performance.now() - requestedAt > WINDOW_MS) return;
  const active = document.activeElement;
  if (!active || active === document.body || active.tagName === 'H1') focusHeading(heading);
}
