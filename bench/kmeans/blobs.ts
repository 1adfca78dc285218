/**
 * Gaussian blobs in the plane, like scikit-learn's make_blobs: `centres` centres drawn
 * uniformly in [−10, 10)², points assigned round-robin and scattered with standard
 * deviation 1 (Box–Muller). Seeded, so every run benchmarks the same points.
 */
import { Rng } from "../../shared/rng";

/** n points (row-major x, y) around `centres` centres. */
export function blobs(n: number, centres: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const centre = Float64Array.from({ length: centres * 2 }, () => rng.next() * 20 - 10);
  const points = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = i % centres;
    const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const angle = 2 * Math.PI * rng.next();
    points[2 * i] = (centre[2 * c] as number) + radius * Math.cos(angle);
    points[2 * i + 1] = (centre[2 * c + 1] as number) + radius * Math.sin(angle);
  }
  return points;
}
