// Which Phaser renderer the map uses. WebGL when the browser offers it; the
// Canvas renderer otherwise (training-base and government computers often run
// without working GPU drivers, and headless Firefox has no WebGL), or when
// ?renderer=canvas asks for it. The map looks the same either way; only its
// cost at province scale differs.
export type RendererKind = 'webgl' | 'canvas';

export function chooseRenderer(requested: string | null): RendererKind {
  if (requested === 'canvas') return 'canvas';
  return webglAvailable() ? 'webgl' : 'canvas';
}

/** Whether a WebGL context can be created (what Phaser itself needs). */
export function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl') ?? canvas.getContext('experimental-webgl');
    if (!gl) return false;
    (gl as WebGLRenderingContext).getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}
