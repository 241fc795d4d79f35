/** Thrown for input the engine cannot decide through (events out of order, unknown types). */
export class EngineError extends Error {
  override readonly name: string = 'EngineError';
}

/**
 * An event that is well formed but cannot apply to the history so far (an appeal after the
 * window, an acknowledgement of a decision nobody recorded): `field` names the field at fault.
 * Nothing was changed; the caller rejects the event's line with this field and message.
 */
export class EventRejected extends EngineError {
  override readonly name: string = 'EventRejected';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
