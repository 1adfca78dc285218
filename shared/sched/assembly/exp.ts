/**
 * e^x by fdlibm's method (Sun Microsystems' freely distributable libm, whose exp V8 uses
 * for Math.exp), so the descent's softmax weights are those the TypeScript balancer
 * computed, bit for bit, without calling out of Wasm for each one:
 *
 * 1. reduce: x = k·ln2 + r with |r| ≤ ln2/2, ln2 split in a high part with trailing zero
 *    bits (k·ln2hi is exact) and a low part;
 * 2. approximate on [−ln2/2, ln2/2]: with R(r²) = r − r²·(P1 + r²·(P2 + … + r²·P5)) (a
 *    Remez fit of r·(e^r + 1)/(e^r − 1) − 2), e^r = 1 + r + r·R/(2 − R);
 * 3. scale by 2^k, built directly in the exponent bits.
 *
 * A unit test compares it with the host's Math.exp on 800,000 arguments and the edges.
 * Constants are fdlibm's, written as the shortest decimals that round to the same doubles.
 */

const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = NativeMath.LOG2E;
const P1: f64 = 0.16666666666666602;
const P2: f64 = -0.0027777777777015593;
const P3: f64 = 6.613756321437934e-5;
const P4: f64 = -1.6533902205465252e-6;
const P5: f64 = 4.1381367970572385e-8;
/** Above this, e^x overflows to Infinity. */
const OVERFLOW: f64 = 709.782712893384;
/** Below this, e^x underflows to 0. */
const UNDERFLOW: f64 = -745.1332191019411;
/** 2^−1000, to scale results whose exponent would be below the normal range. */
const TWO_M1000: f64 = 9.332636185032189e-302;

/** e^x, as fdlibm (and so V8's Math.exp) computes it. */
export function exp(x: f64): f64 {
  // V8 answers e^1 with the correctly rounded e, one ulp below fdlibm's result.
  if (x === 1) return NativeMath.E;
  const bits = reinterpret<u64>(x);
  const high = <u32>(bits >>> 32) & 0x7fffffff;
  const negative = <i32>(bits >>> 63);
  if (high >= 0x40862e42) {
    // |x| ≥ 709.78: not finite, or out of range.
    if (high >= 0x7ff00000) {
      if (isNaN(x)) return x + x;
      return negative ? 0 : x;
    }
    if (x > OVERFLOW) return Infinity;
    if (x < UNDERFLOW) return 0;
  }
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  if (high > 0x3fd62e42) {
    // |x| > ln2/2: reduce.
    if (high < 0x3ff0a2b2) {
      // |x| < 1.5·ln2: k = ±1.
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = <i32>(INV_LN2 * x + (negative ? -0.5 : 0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (high < 0x3e300000) {
    // |x| < 2^−28: e^x rounds to 1 + x.
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * reinterpret<f64>(<u64>0x7fe0000000000000);
    return y * reinterpret<f64>((<u64>(0x3ff + k)) << 52);
  }
  return y * reinterpret<f64>((<u64>(0x3ff + k + 1000)) << 52) * TWO_M1000;
}

/** Fills out[i] = exp(x[i]): for the test that compares it with the host's Math.exp. */
export function expAll(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = exp(x[i]);
}
