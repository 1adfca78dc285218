/**
 * Stores into typed arrays without the bounds check of `a[i] = v`, for the measured hot
 * loops only, where the index is in range by construction (the checked store costs the
 * descent about a quarter of its time). `unchecked(a[i])` is the matching load.
 */

/** a[i] = v, i in range. */
export function setF64(a: Float64Array, i: i32, v: f64): void {
  store<f64>(a.dataStart + ((<usize>i) << 3), v);
}

/** a[i] = a[i] + v, i in range. */
export function addF64(a: Float64Array, i: i32, v: f64): void {
  setF64(a, i, unchecked(a[i]) + v);
}

/** a[i] = v, i in range. */
export function setI32(a: Int32Array, i: i32, v: i32): void {
  store<i32>(a.dataStart + ((<usize>i) << 2), v);
}
