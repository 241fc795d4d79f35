/** The hand-written 1.0.0 reducer the benchmark measures the engine against. */
export { handwrittenSimulate } from './handwritten-simulate.js';
export type { HandwrittenOptions } from './handwritten-simulate.js';
