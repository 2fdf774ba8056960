// Map markers (sites, substations, township seats, epicentres) as one
// Phaser Extern: a single draw call of GL points with a trivial shader,
// each point a fixed size in screen pixels, its colour and shape in a small
// byte buffer that a status change edits in place.
//
// Without WebGL (Phaser's Canvas renderer) the same points are drawn with the
// 2D canvas from small pre-rendered sprites, one drawImage each: slower at
// province scale, fine at county scale, and never a failed boot.
//
// Why not a SpriteGPULayer: measured in software WebGL (headless Chromium, no
// GPU), 21,500 SpriteGPULayer members cost 370–730 ms a frame (its vertex
// shader evaluates animations for every property); these points cost a few
// milliseconds. On a real GPU either is fine.
import * as Phaser from 'phaser';

/** Marker shapes, drawn in the fragment shader. */
export const SHAPE = { CIRCLE: 0, CIRCLE_DOT: 1, CIRCLE_RED_RING: 2, SQUARE: 3, SQUARE_CROSS: 4, DIAMOND: 5 } as const;

const VERTEX = `
precision highp float;
attribute vec3 aPosSize;
attribute vec4 aColour;
attribute float aShape;
uniform vec3 uRow0;
uniform vec3 uRow1;
uniform vec2 uViewport;
uniform float uScale;
varying vec4 vColour;
varying float vShape;
varying float vSize;
void main() {
  vec3 p = vec3(aPosSize.xy, 1.0);
  vec2 px = vec2(dot(uRow0, p), dot(uRow1, p));
  gl_Position = vec4(px.x / uViewport.x * 2.0 - 1.0, 1.0 - px.y / uViewport.y * 2.0, 0.0, 1.0);
  float size = max(3.0, aPosSize.z * uScale);
  gl_PointSize = size;
  vColour = aColour;
  vShape = aShape;
  vSize = size;
}`;

const FRAGMENT = `
precision mediump float;
varying vec4 vColour;
varying float vShape;
varying float vSize;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float px = 2.0 / vSize;            // one pixel in point coordinates
  vec3 ring = vec3(1.0);
  vec3 fill = vColour.rgb;
  float d;
  if (vShape < 2.5) {
    d = length(p);
    if (vShape > 1.5) ring = vec3(0.85, 0.19, 0.15);
    if (vShape > 0.5 && vShape < 1.5 && d < 0.34) fill = vec3(1.0);
  } else if (vShape < 4.5) {
    d = max(abs(p.x), abs(p.y));
    if (vShape > 3.5 && abs(abs(p.x) - abs(p.y)) < 2.0 * px && d < 0.7) fill = vec3(1.0);
  } else {
    // A diamond (cheap: no transcendental functions per fragment).
    d = abs(p.x) + abs(p.y);
  }
  if (d > 1.0) discard;
  vec3 rgb = d > 1.0 - 1.3 * px ? ring : fill;
  float a = vColour.a * clamp((1.0 - d) / px + 0.5, 0.0, 1.0);
  gl_FragColor = vec4(rgb * a, a);
}`;

interface GlState {
  program: WebGLProgram;
  posSize: WebGLBuffer;
  style: WebGLBuffer;
  aPosSize: number;
  aColour: number;
  aShape: number;
  uRow0: WebGLUniformLocation;
  uRow1: WebGLUniformLocation;
  uViewport: WebGLUniformLocation;
  uScale: WebGLUniformLocation;
  gl: WebGLRenderingContext;
}

export class PointLayer extends Phaser.GameObjects.Extern {
  /** x, y (Phaser world coordinates), size in px, per point. */
  private posSize = new Float32Array(0);
  /** r, g, b, a, shape, 0, 0, 0 per point. */
  private style = new Uint8Array(0);
  private count = 0;
  private posDirty = true;
  private styleDirty = true;
  private allocated = -1;
  private glState: GlState | null = null;
  /**
   * Multiplies every point's size (never below 3 px). Fill is what costs in
   * software WebGL, and 20,000 full-size markers at province scale are mostly
   * overlap anyway, so the map shrinks them when they are dense on screen.
   */
  sizeScale = 1;

  constructor(scene: Phaser.Scene) {
    super(scene);
    scene.add.existing(this);
  }

  setCount(n: number): void {
    this.count = n;
    this.posSize = new Float32Array(n * 3);
    this.style = new Uint8Array(n * 8);
    this.posDirty = this.styleDirty = true;
  }

  setPoint(i: number, x: number, y: number, sizePx: number): void {
    this.posSize[i * 3] = x;
    this.posSize[i * 3 + 1] = y;
    this.posSize[i * 3 + 2] = sizePx;
    this.posDirty = true;
  }

  setStyle(i: number, rgb: number, shape: number, alpha = 255): void {
    const o = i * 8;
    this.style[o] = (rgb >> 16) & 255;
    this.style[o + 1] = (rgb >> 8) & 255;
    this.style[o + 2] = rgb & 255;
    this.style[o + 3] = alpha;
    this.style[o + 4] = shape;
    this.styleDirty = true;
  }

  private compile(gl: WebGLRenderingContext): GlState {
    const shader = (type: number, source: string) => {
      const s = gl.createShader(type)!;
      gl.shaderSource(s, source);
      gl.compileShader(s);
      if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`point shader: ${gl.getShaderInfoLog(s)}`);
      return s;
    };
    const program = gl.createProgram()!;
    gl.attachShader(program, shader(gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(program, shader(gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`point program: ${gl.getProgramInfoLog(program)}`);
    const state: GlState = {
      gl,
      program,
      posSize: gl.createBuffer()!,
      style: gl.createBuffer()!,
      aPosSize: gl.getAttribLocation(program, 'aPosSize'),
      aColour: gl.getAttribLocation(program, 'aColour'),
      aShape: gl.getAttribLocation(program, 'aShape'),
      uRow0: gl.getUniformLocation(program, 'uRow0')!,
      uRow1: gl.getUniformLocation(program, 'uRow1')!,
      uViewport: gl.getUniformLocation(program, 'uViewport')!,
      uScale: gl.getUniformLocation(program, 'uScale')!,
    };
    return state;
  }

  private allocate(s: GlState): void {
    const gl = s.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, s.posSize);
    gl.bufferData(gl.ARRAY_BUFFER, this.posSize, gl.STATIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, s.style);
    gl.bufferData(gl.ARRAY_BUFFER, this.style, gl.DYNAMIC_DRAW);
    this.posDirty = this.styleDirty = false;
    this.allocated = this.count;
  }

  override render(
    renderer: Phaser.Renderer.WebGL.WebGLRenderer,
    drawingContext: Phaser.Renderer.WebGL.DrawingContext,
    calcMatrix: Phaser.GameObjects.Components.TransformMatrix,
  ): void {
    if (this.count === 0) return;
    const gl = renderer.gl;
    const s = (this.glState ??= this.compile(gl));
    // Draw into the context Phaser is rendering to (the canvas, or a filter's framebuffer).
    renderer.glWrapper.updateBindingsFramebuffer({ bindings: { framebuffer: drawingContext.framebuffer } } as never, true);
    gl.viewport(0, 0, drawingContext.width, drawingContext.height);
    gl.useProgram(s.program);
    if (this.allocated !== this.count) this.allocate(s);
    gl.bindBuffer(gl.ARRAY_BUFFER, s.posSize);
    if (this.posDirty) {
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, this.posSize);
      this.posDirty = false;
    }
    gl.enableVertexAttribArray(s.aPosSize);
    gl.vertexAttribPointer(s.aPosSize, 3, gl.FLOAT, false, 12, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, s.style);
    if (this.styleDirty) {
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, this.style);
      this.styleDirty = false;
    }
    gl.enableVertexAttribArray(s.aColour);
    gl.vertexAttribPointer(s.aColour, 4, gl.UNSIGNED_BYTE, true, 8, 0);
    gl.enableVertexAttribArray(s.aShape);
    gl.vertexAttribPointer(s.aShape, 1, gl.UNSIGNED_BYTE, false, 8, 4);
    const m = calcMatrix;
    gl.uniform3f(s.uRow0, m.a, m.c, m.e);
    gl.uniform3f(s.uRow1, m.b, m.d, m.f);
    gl.uniform2f(s.uViewport, drawingContext.width, drawingContext.height);
    gl.uniform1f(s.uScale, this.sizeScale);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA); // premultiplied output
    gl.drawArrays(gl.POINTS, 0, this.count);
    gl.disableVertexAttribArray(s.aPosSize);
    gl.disableVertexAttribArray(s.aColour);
    gl.disableVertexAttribArray(s.aShape);
    // Phaser rebinds its own state (program, buffers, blend) after an Extern.
  }

  /** Pre-rendered markers for the Canvas renderer, by colour, shape and size. */
  private readonly sprites = new Map<string, HTMLCanvasElement>();

  private sprite(o: number, sizePx: number): HTMLCanvasElement {
    const st = this.style;
    const key = `${st[o]},${st[o + 1]},${st[o + 2]},${st[o + 3]},${st[o + 4]},${sizePx}`;
    let c = this.sprites.get(key);
    if (c) return c;
    c = drawMarkerSprite(st[o], st[o + 1], st[o + 2], st[o + 3] / 255, st[o + 4], sizePx);
    this.sprites.set(key, c);
    return c;
  }

  /** The Canvas renderer's path (no WebGL): the same points, one sprite each. */
  renderCanvas(renderer: Phaser.Renderer.Canvas.CanvasRenderer, _src: unknown, camera: Phaser.Cameras.Scene2D.Camera): void {
    if (this.count === 0) return;
    const ctx = renderer.currentContext;
    const m = Phaser.GameObjects.GetCalcMatrix(this, camera).calc;
    const w = camera.width, h = camera.height;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    for (let i = 0; i < this.count; i++) {
      const x = this.posSize[i * 3], y = this.posSize[i * 3 + 1];
      const sx = m.a * x + m.c * y + m.e, sy = m.b * x + m.d * y + m.f;
      const size = Math.round(Math.max(3, this.posSize[i * 3 + 2] * this.sizeScale));
      if (sx < -size || sy < -size || sx > w + size || sy > h + size || this.style[i * 8 + 3] === 0) continue;
      const img = this.sprite(i * 8, size);
      ctx.drawImage(img, sx - img.width / 2, sy - img.height / 2);
    }
    ctx.restore();
  }

  override destroy(fromScene?: boolean): void {
    const s = this.glState;
    if (s) {
      s.gl.deleteBuffer(s.posSize);
      s.gl.deleteBuffer(s.style);
      s.gl.deleteProgram(s.program);
      this.glState = null;
    }
    super.destroy(fromScene);
  }
}

/** One marker drawn like the fragment shader draws it: a fill with a white (or red) ring, and the shape's mark. */
function drawMarkerSprite(r: number, g: number, b: number, alpha: number, shape: number, sizePx: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = sizePx;
  const ctx = c.getContext('2d')!;
  const half = sizePx / 2;
  ctx.globalAlpha = alpha;
  ctx.translate(half, half);
  const trace = (rad: number) => {
    ctx.beginPath();
    if (shape <= SHAPE.CIRCLE_RED_RING) ctx.arc(0, 0, rad, 0, 2 * Math.PI);
    else if (shape <= SHAPE.SQUARE_CROSS) ctx.rect(-rad, -rad, 2 * rad, 2 * rad);
    else {
      ctx.moveTo(0, -rad);
      ctx.lineTo(rad, 0);
      ctx.lineTo(0, rad);
      ctx.lineTo(-rad, 0);
      ctx.closePath();
    }
  };
  trace(half);
  ctx.fillStyle = shape === SHAPE.CIRCLE_RED_RING ? '#d93026' : '#ffffff';
  ctx.fill();
  trace(Math.max(1, half - 1.3));
  ctx.fillStyle = `rgb(${r},${g},${b})`;
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  if (shape === SHAPE.CIRCLE_DOT) {
    ctx.beginPath();
    ctx.arc(0, 0, 0.34 * half, 0, 2 * Math.PI);
    ctx.fill();
  } else if (shape === SHAPE.SQUARE_CROSS) {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    const a = 0.7 * half;
    ctx.beginPath();
    ctx.moveTo(-a, -a);
    ctx.lineTo(a, a);
    ctx.moveTo(a, -a);
    ctx.lineTo(-a, a);
    ctx.stroke();
  }
  return c;
}
