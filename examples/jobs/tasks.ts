/**
 * The jobs' module: its exports are the tasks. In `npm start` they run on the server's
 * thread pool; with Redis, `npx aperture worker examples/jobs/tasks.ts --queue calc_default`
 * runs them. Deliberately heavy: all eigenvalues of a random symmetric n×n matrix, by
 * Householder tridiagonalization (~(2/3)·n³ multiply-adds) and the implicit QL method.
 * Their histogram is Wigner's semicircle.
 */
import type { JobContext } from "aperture";
import { seededRandom } from "../rolling/data.ts";

export interface SpectrumRequest {
  size: number;
  seed?: number;
}

export interface SpectrumResult {
  size: number;
  /** Eigenvalues divided by √n, ascending: they fill [-2, 2]. */
  eigenvalues: Float64Array;
  seconds: number;
}

export const MIN_SIZE = 100;
export const MAX_SIZE = 2000;

/** A symmetric matrix with standard normal entries (variance 2 on the diagonal), row-major. */
function randomSymmetric(n: number, seed: number): Float64Array {
  const next = seededRandom(seed); // seeded, so a job is reproducible from its data
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = Math.SQRT2 * normal();
    for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i] = normal();
  }
  return a;
}

/**
 * Householder reduction to tridiagonal form (eigenvalues only), rows from the bottom up:
 * `d` gets the diagonal, `e` the subdiagonal (e[i] couples i-1 and i). Row i costs ~i²,
 * so the fraction done after it is 1 − (i/n)³.
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array, report: (fraction: number) => void): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const row = i * n;
    let h = 0;
    let scale = 0;
    for (let k = 0; k <= l; k++) scale += Math.abs(a[row + k]!);
    if (l === 0 || scale === 0) {
      e[i] = a[row + l]!;
    } else {
      for (let k = 0; k <= l; k++) {
        a[row + k]! /= scale;
        h += a[row + k]! * a[row + k]!;
      }
      let f = a[row + l]!;
      let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
      e[i] = scale * g;
      h -= f * g;
      a[row + l] = f - g;
      f = 0;
      for (let j = 0; j <= l; j++) {
        g = 0;
        for (let k = 0; k <= j; k++) g += a[j * n + k]! * a[row + k]!;
        for (let k = j + 1; k <= l; k++) g += a[k * n + j]! * a[row + k]!;
        e[j] = g / h;
        f += e[j]! * a[row + j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j <= l; j++) {
        const fj = a[row + j]!;
        const gj = (e[j] = e[j]! - hh * fj);
        const rowJ = j * n;
        for (let k = 0; k <= j; k++) a[rowJ + k]! -= fj * e[k]! + gj * a[row + k]!;
      }
    }
    if (i % 8 === 0) report(1 - (i / n) ** 3);
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
}

/** Eigenvalues of the tridiagonal matrix (d, e) by the QL method with implicit shifts, in place in d. */
function tridiagonalEigenvalues(d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (iteration === 60) throw new Error(`no convergence for eigenvalue ${l}`);
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        e[i + 1] = r = Math.hypot(f, g);
        if (r === 0) {
          d[i + 1]! -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        d[i + 1] = g + (p = s * r);
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/** The task: seconds long from n ≈ 1000 on one core. */
export function spectrum(request: SpectrumRequest, job?: JobContext): SpectrumResult {
  const n = Math.round(Number(request.size));
  if (!Number.isInteger(n) || n < MIN_SIZE || n > MAX_SIZE)
    throw new RangeError(`size must be ${MIN_SIZE}–${MAX_SIZE}, got ${request.size}`);
  const started = performance.now();
  job?.progress(0, "generating the matrix");
  const a = randomSymmetric(n, request.seed ?? n);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(a, n, d, e, (fraction) => job?.progress(0.97 * fraction, "tridiagonalizing"));
  job?.progress(0.97, "eigenvalues of the tridiagonal matrix");
  tridiagonalEigenvalues(d, e, n);
  const scale = 1 / Math.sqrt(n);
  const eigenvalues = d.map((value) => value * scale).sort();
  return { size: n, eigenvalues, seconds: (performance.now() - started) / 1000 };
}
