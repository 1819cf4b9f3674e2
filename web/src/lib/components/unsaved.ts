/**
 * The unsaved-changes guard of the edit forms: leaving a form whose values differ from what was
 * loaded asks first. A navigation inside the app (a link, a menu click, the browser's Back) asks
 * with `confirm` from `beforeNavigate`; closing or reloading the tab is SvelteKit's `leave`
 * navigation, raised from the window's `beforeunload`, where cancelling shows the browser's own
 * prompt. A form calls `release()` before it navigates away after a save or a delete.
 */
import { beforeNavigate } from '$app/navigation';

export interface UnsavedGuard {
  /** Lets the next navigation through without asking (after a save or a delete). */
  release(): void;
}

/** Call during a form's initialisation; `dirty` is read when a navigation starts. */
export function guardUnsaved(dirty: () => boolean, question: () => string): UnsavedGuard {
  let released = false;
  beforeNavigate((nav) => {
    if (released || !dirty()) return;
    // Closing the tab or reloading: the browser asks (a page may not choose the text there).
    if (nav.type === 'leave') return nav.cancel();
    if (!window.confirm(question())) nav.cancel();
  });
  return {
    release() {
      released = true;
    },
  };
}

/** A snapshot of a form's values to compare against (values, link sets, the reason). */
export const snapshot = (value: unknown): string => JSON.stringify(value);
