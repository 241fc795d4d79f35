/** The semi-space size (MB) the admin server runs with. */
export const SEMI_SPACE_MB: number;
/** NODE_OPTIONS for the server: the caller's, with the semi-space size added unless it sets one. */
export function serverNodeOptions(current?: string): string;
