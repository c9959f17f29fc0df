/** The same number cannot be dialled twice within `windowMs` (double clicks, click + link, etc.). */
export class DialGate {
  private readonly last = new Map<string, number>();
  constructor(
    private readonly windowMs = 2000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** True if `number` may be dialled now; records the attempt. */
  tryAcquire(number: string): boolean {
    const t = this.now();
    for (const [key, at] of this.last) if (t - at >= this.windowMs) this.last.delete(key);
    const key = number.replace(/[^\d+*#a-z@.:;=]/gi, '').toLowerCase();
    const at = this.last.get(key);
    if (at !== undefined && t - at < this.windowMs) return false;
    this.last.set(key, t);
    return true;
  }
}
