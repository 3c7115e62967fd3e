/** The time now. Injected wherever expiry is decided, so tests can move it on. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
