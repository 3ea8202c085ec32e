// Memory sampling and garbage collection between benchmark rows.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Tracks the highest rss and heapUsed seen. analyze() is synchronous, so the interval timer cannot
 *  fire during a call: measureThroughput() also samples after every run, when the call's garbage is
 *  still on the heap. The OS high-water mark (resourceUsage().maxRSS) is reported as well and is exact. */
export class MemorySampler {
  maxRss = 0;
  maxHeapUsed = 0;
  private windowHeap = 0;
  private timer: NodeJS.Timeout | undefined;

  start(intervalMs = 10): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.maxRss) this.maxRss = m.rss;
    if (m.heapUsed > this.maxHeapUsed) this.maxHeapUsed = m.heapUsed;
    if (m.heapUsed > this.windowHeap) this.windowHeap = m.heapUsed;
  }

  /** Starts a window for a per-row peak. */
  mark(): void {
    this.windowHeap = process.memoryUsage().heapUsed;
  }

  /** Peak heapUsed since the last mark(). */
  windowPeakHeap(): number {
    this.sample();
    return this.windowHeap;
  }

  /** Peak resident set size of the process so far, from the OS, in bytes. */
  static osPeakRss(): number {
    return process.resourceUsage().maxRSS * 1024;
  }
}

let gcFn: (() => void) | undefined | null = null;
/** Runs a full garbage collection when possible, so rows start from a comparable heap. */
export function collectGarbage(): void {
  if (gcFn === null) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = undefined;
    }
  }
  gcFn?.();
}
