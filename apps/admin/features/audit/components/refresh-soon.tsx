'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Refreshes the page (the server renders it again) every two seconds while it is shown: a page
 * whose part is computed in the background shows it as soon as it is done, without a reload by hand.
 */
export function RefreshSoon() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
