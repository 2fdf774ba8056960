// Response teams on the map: a DOM canvas above the WebGL canvas, redrawn in
// screen pixels whenever a team moves or the camera does. Teams glide every
// animation frame while they travel; keeping them out of WebGL means that
// motion never re-renders the 20,000 site markers (in software WebGL, as in
// headless Chromium, a full WebGL frame at province scale was measured to
// stretch the frame interval from 17 to about 66 ms). Each marker is a small
// pre-rendered sprite (shape by status, colour by organisation), so a redraw
// of hundreds of teams is a few hundred drawImage calls. Teams standing on the
// same spot (a base, a site) get a small count badge.
import type { Camera } from './basemap.ts';

export type TeamShape = 'hexagon' | 'triangle' | 'plus';

export interface TeamStyle {
  colour: number;
  shape: TeamShape;
  /** 0..1; 0 = not drawn. */
  alpha: number;
}

const css = (c: number) => '#' + c.toString(16).padStart(6, '0');

function tracePath(ctx: CanvasRenderingContext2D, shape: TeamShape, r: number): void {
  ctx.beginPath();
  switch (shape) {
    case 'hexagon':
      for (let k = 0; k < 6; k++) {
        const [x, y] = [[1, 0], [0.5, 0.866], [-0.5, 0.866], [-1, 0], [-0.5, -0.866], [0.5, -0.866]][k];
        if (k === 0) ctx.moveTo(x * r, y * r);
        else ctx.lineTo(x * r, y * r);
      }
      break;
    case 'triangle':
      ctx.moveTo(0, -r);
      ctx.lineTo(0.95 * r, 0.75 * r);
      ctx.lineTo(-0.95 * r, 0.75 * r);
      break;
    case 'plus': {
      const a = 0.38 * r;
      const pts = [[-a, -r], [a, -r], [a, -a], [r, -a], [r, a], [a, a], [a, r], [-a, r], [-a, a], [-r, a], [-r, -a], [-a, -a]];
      pts.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      break;
    }
  }
  ctx.closePath();
}

export class TeamLayer {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  private dpr = 1;
  private drewAny = false;
  /** Where each marker was last drawn, device pixels (NaN: not drawn), to skip redraws that would change nothing. */
  private drawnX = new Float64Array(0);
  private drawnY = new Float64Array(0);
  private nextX = new Float64Array(0);
  private nextY = new Float64Array(0);

  constructor(
    parent: HTMLElement,
    zIndex: number,
    private readonly sizePx: number,
  ) {
    this.canvas = document.createElement('canvas');
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', zIndex: String(zIndex), pointerEvents: 'none' });
    parent.append(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
  }

  private sprite(style: TeamStyle): HTMLCanvasElement {
    const key = `${style.colour}|${style.shape}|${this.dpr}`;
    let sprite = this.sprites.get(key);
    if (sprite) return sprite;
    const px = Math.ceil((this.sizePx + 4) * this.dpr);
    sprite = document.createElement('canvas');
    sprite.width = sprite.height = px;
    const ctx = sprite.getContext('2d')!;
    ctx.translate(px / 2, px / 2);
    ctx.scale(this.dpr, this.dpr);
    tracePath(ctx, style.shape, this.sizePx / 2);
    ctx.lineJoin = 'round';
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.fillStyle = css(style.colour);
    ctx.fill();
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = 'rgba(0,0,0,0.55)';
    ctx.stroke();
    this.sprites.set(key, sprite);
    return sprite;
  }

  /**
   * Draws every team with a style at its world position (x east, y north) for
   * the camera. Unless `force` (styles or the camera changed), nothing is
   * drawn when no marker would land on another pixel.
   */
  draw(cam: Camera, xs: Float64Array, ys: Float64Array, styleOf: (team: number) => TeamStyle | null, force: boolean): void {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.ceil(cam.width * dpr), h = Math.ceil(cam.height * dpr);
    if (this.canvas.width !== w || this.canvas.height !== h || this.dpr !== dpr) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${cam.width}px`;
      this.canvas.style.height = `${cam.height}px`;
      this.dpr = dpr;
      force = true;
    }
    const n = xs.length;
    if (this.nextX.length !== n) {
      this.drawnX = new Float64Array(n).fill(NaN);
      this.drawnY = new Float64Array(n).fill(NaN);
      this.nextX = new Float64Array(n);
      this.nextY = new Float64Array(n);
      force = true;
    }
    const half = ((this.sizePx + 4) * dpr) / 2;
    let changed = force;
    for (let i = 0; i < n; i++) {
      let px = NaN, py = NaN;
      if (!Number.isNaN(xs[i])) {
        const sx = ((xs[i] - cam.scrollX - cam.width / 2) * cam.zoom + cam.width / 2) * dpr;
        const sy = ((-ys[i] - cam.scrollY - cam.height / 2) * cam.zoom + cam.height / 2) * dpr;
        if (sx >= -half && sy >= -half && sx <= w + half && sy <= h + half) {
          px = Math.round(sx - half);
          py = Math.round(sy - half);
        }
      }
      this.nextX[i] = px;
      this.nextY[i] = py;
      if (!changed && !(px === this.drawnX[i] && py === this.drawnY[i]) && !(Number.isNaN(px) && Number.isNaN(this.drawnX[i]))) changed = true;
    }
    if (!changed) return;
    [this.drawnX, this.nextX] = [this.nextX, this.drawnX];
    [this.drawnY, this.nextY] = [this.nextY, this.drawnY];
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (this.drewAny) ctx.clearRect(0, 0, w, h);
    this.drewAny = false;
    const stacks = new Map<number, { x: number; y: number; n: number }>();
    for (let i = 0; i < n; i++) {
      const px = this.drawnX[i], py = this.drawnY[i];
      if (Number.isNaN(px)) continue;
      const style = styleOf(i);
      if (!style || style.alpha <= 0) continue;
      ctx.globalAlpha = style.alpha;
      ctx.drawImage(this.sprite(style), px, py);
      this.drewAny = true;
      const key = px * 65536 + py;
      const stack = stacks.get(key);
      if (stack) stack.n++;
      else stacks.set(key, { x: px + 2 * half, y: py, n: 1 });
    }
    ctx.globalAlpha = 1;
    const r = 6.5 * dpr;
    for (const { x, y, n } of stacks.values()) {
      if (n < 2) continue;
      ctx.beginPath();
      ctx.arc(x - r / 2, y + r / 2, r, 0, 2 * Math.PI);
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.lineWidth = dpr;
      ctx.strokeStyle = '#37474f';
      ctx.stroke();
      ctx.fillStyle = '#263238';
      ctx.font = `bold ${9 * dpr}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(n), x - r / 2, y + r / 2 + 0.5 * dpr);
    }
  }
}
