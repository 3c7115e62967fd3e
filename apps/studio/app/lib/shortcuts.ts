import { useEffect } from 'react';

/**
 * Single-key shortcuts for the moderation pages. Keys typed into a field, or with Ctrl, Alt
 * or Meta held, are left alone, so shortcuts never get in the way of writing.
 */
export function useShortcuts(handlers: Record<string, (event: KeyboardEvent) => void>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))
      )
        return;
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [handlers]);
}
