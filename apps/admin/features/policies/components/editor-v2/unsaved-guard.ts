'use client';

/** Asks before unsaved edits are lost: on reload, tab close and in-app navigation. */
import { useEffect, useRef } from 'react';

/**
 * While `dirty`, asks before the work is lost: the browser's own prompt on reload and tab close
 * (`beforeunload`), and a confirm on in-app navigation (a click on a link of this app, caught
 * before Next.js's router sees it) and on the back button.
 */
export function useUnsavedGuard(dirty: boolean, message: string): void {
  const state = useRef({ dirty, message });
  state.current = { dirty, message };
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      if (!state.current.dirty) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent): void => {
      if (!state.current.dirty || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!(a instanceof HTMLAnchorElement) || a.target === '_blank' || a.hasAttribute('download')) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash !== '') return;
      if (!window.confirm(state.current.message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const onPopState = (): void => {
      if (state.current.dirty && !window.confirm(state.current.message)) window.history.go(1);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('popstate', onPopState);
    };
  }, []);
}
