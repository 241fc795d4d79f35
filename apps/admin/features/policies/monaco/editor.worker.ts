/** Monaco's base editor worker (diff computation, links), bundled by the app. */
import 'monaco-editor/editor/editor.worker';
