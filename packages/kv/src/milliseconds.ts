/** Both implementations reject the same bad durations, so code that works in memory works on Redis. */
export function assertMilliseconds(name: string, value: number, min: 0 | 1): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer number of milliseconds, at least ${min}`);
  }
}
