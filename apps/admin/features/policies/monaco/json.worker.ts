/**
 * Monaco's JSON language worker, bundled by the app (no CDN): Turbopack emits it as its own chunk.
 */
import 'monaco-editor/language/json/json.worker';
