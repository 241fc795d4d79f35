/**
 * Policies: versions, drafts, the approval workflow, the editor, diff and impact.
 *
 * The feature's public surface for browser code: what another feature's client components may
 * import. It re-exports only modules that are safe in the browser, so importing it never pulls
 * the server half of the feature (and the store behind it) into a client bundle; server code
 * uses index.ts.
 */
export { PolicyFormBody } from './components/editor/form-body';
export { draftSchema } from './draft-schema';
