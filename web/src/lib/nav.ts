/** The main menu: one entry per page that exists (pages of issue 6 join as they land). */
import type { MessageKey } from './i18n/sv.js';

export interface NavItem {
  path: string;
  label: MessageKey;
}

export const NAV: readonly NavItem[] = [
  { path: '/', label: 'nav.explore' },
  { path: '/network', label: 'nav.network' },
  { path: '/coverage', label: 'nav.coverage' },
  { path: '/gaps', label: 'nav.gaps' },
  { path: '/agreements', label: 'nav.agreements' },
  { path: '/import', label: 'nav.import' },
];

/** Whether a (language-stripped) path belongs to a menu entry. */
export function isCurrent(item: NavItem, path: string): boolean {
  return item.path === '/' ? path === '/' || path.startsWith('/organisation/') : path === item.path || path.startsWith(`${item.path}/`);
}
