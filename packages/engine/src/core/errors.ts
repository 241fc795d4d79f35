/** Thrown for input the engine cannot decide through (events out of order, unknown types). */
export class EngineError extends Error {
  override readonly name: string = 'EngineError';
}

