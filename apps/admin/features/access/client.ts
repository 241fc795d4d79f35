/**
 * Access: requests for a client's contacts, their approval, and the access log.
 *
 * The feature's public surface for browser code: the components another feature may render. It
 * re-exports only modules that are safe in the browser, so importing it never pulls the server
 * half of the feature (and the store behind it) into a client bundle; server code uses index.ts.
 */
export { RequestAccessForm } from './components/request-form';
