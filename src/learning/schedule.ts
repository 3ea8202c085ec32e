// When the editor learns (src/editor/learning.ts): triggers are debounced, and a trigger while a run is
// going on makes one more run after it, never two at once. No `vscode` import (unit-tested with fake timers).

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class LearnScheduler {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  private readonly idleWaiters: Array<() => void> = [];

  /** `run` is one learning run (its errors are the caller's to report: they are swallowed here). */
  constructor(
    private readonly run: () => Promise<void>,
    private readonly debounceMs: number,
    private readonly timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
  ) {}

  /** Asks for a run after the debounce (restarted by each trigger); while one runs, for one more after it. */
  trigger(delayMs = this.debounceMs): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, delayMs);
  }

  /** Whether a run is going on or waiting for its debounce. */
  get busy(): boolean {
    return this.running !== undefined || this.timer !== undefined;
  }

  /** Settles when nothing runs or waits. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
    if (!this.running) this.settleIdle();
  }

  private start(): void {
    this.again = false;
    this.running = this.run().catch(() => undefined).then(() => {
      this.running = undefined;
      if (this.again && !this.disposed) {
        this.start();
        return;
      }
      if (this.timer === undefined) this.settleIdle();
    });
  }

  private settleIdle(): void {
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
