// Smooth team movement on the page. The worker sends where each team is at
// each frame's simulated time; frames arrive at irregular wall-clock moments
// (every animation frame at low speed, a few times a second at high speed).
// Between two frames the map glides each marker linearly from where it was
// drawn when the newer frame arrived to the newer position, over the interval
// between the last two arrivals, so motion looks continuous at any speed and
// never jumps back. A full frame (start, seat change, seek) snaps.

/** Longest glide, ms: after a pause or a single step, markers move there in at most this. */
const MAX_GLIDE_MS = 1000;
const MIN_GLIDE_MS = 16;

export class TeamMotion {
  fromX = new Float64Array(0);
  fromY = new Float64Array(0);
  toX = new Float64Array(0);
  toY = new Float64Array(0);
  private startMs = 0;
  private glideMs = 0;
  private lastArrivalMs = -Infinity;

  /** Number of teams. */
  get count(): number {
    return this.toX.length;
  }

  /** A newer frame's positions arrived at nowMs (NaN = not shown). */
  set(xs: Float64Array, ys: Float64Array, nowMs: number, snap: boolean): void {
    const n = xs.length;
    if (snap || n !== this.toX.length) {
      this.fromX = Float64Array.from(xs);
      this.fromY = Float64Array.from(ys);
      this.toX = Float64Array.from(xs);
      this.toY = Float64Array.from(ys);
      this.glideMs = 0;
      this.startMs = nowMs;
      this.lastArrivalMs = nowMs;
      return;
    }
    const fromX = new Float64Array(n), fromY = new Float64Array(n);
    this.positionsAt(nowMs, fromX, fromY);
    for (let i = 0; i < n; i++) {
      // Appearing or disappearing markers do not glide.
      if (Number.isNaN(fromX[i]) || Number.isNaN(xs[i])) {
        fromX[i] = xs[i];
        fromY[i] = ys[i];
      }
    }
    this.fromX = fromX;
    this.fromY = fromY;
    this.toX = Float64Array.from(xs);
    this.toY = Float64Array.from(ys);
    this.glideMs = Math.max(MIN_GLIDE_MS, Math.min(MAX_GLIDE_MS, nowMs - this.lastArrivalMs));
    this.startMs = nowMs;
    this.lastArrivalMs = nowMs;
  }

  /** How far along the current glide, 0..1. */
  progress(nowMs: number): number {
    return this.glideMs <= 0 ? 1 : Math.max(0, Math.min(1, (nowMs - this.startMs) / this.glideMs));
  }

  /** Writes where each marker is drawn at nowMs; returns whether any is still moving. */
  positionsAt(nowMs: number, outX: Float64Array, outY: Float64Array): boolean {
    const a = this.progress(nowMs);
    let moving = false;
    for (let i = 0; i < this.toX.length; i++) {
      const fx = this.fromX[i], fy = this.fromY[i], tx = this.toX[i], ty = this.toY[i];
      if (a >= 1 || (fx === tx && fy === ty)) {
        outX[i] = tx;
        outY[i] = ty;
      } else {
        outX[i] = fx + (tx - fx) * a;
        outY[i] = fy + (ty - fy) * a;
        moving = true;
      }
    }
    return moving;
  }
}
