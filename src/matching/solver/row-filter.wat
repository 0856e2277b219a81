;; Row filters for the dense solver's passes over all pairs (row-filter.ts loads this module).
;;
;; Each pass reads one row of the weight matrix at a time, the pairs (i, j) for j > i, and offers
;; a pair to a bounded "best" list of each end (keep-best.ts) only when its key beats that list's
;; threshold. Nearly every pair fails both tests. These functions do the tests four pairs at a
;; time with 128-bit SIMD and write the indices j of the pairs that pass either into `out`, so
;; JavaScript touches only those (and tests them again, exactly, against thresholds that may have
;; risen since). Arrays are byte offsets into this module's memory with index 0 at the offset:
;; x[j] (int32) at x + 4j, e[j], h[j], thr[j] (f64) at e + 8j ... The caller pads x, e, h and thr
;; with at least 3 entries past j1: the last group of four may read them; their indices are never
;; written to `out`. Arithmetic is IEEE f64 as in JavaScript, so a key here equals the key the
;; caller computes from the same operands in the same order.
;;
;; Compiled to row-filter-wasm.ts by scripts/build-row-filter.mjs (wabt); edit this file, not that.
(module
  (memory (export "memory") 1)
  ;; filter1: writes to out the j in [j0, j1) with v = x[j] * m + b - e[j] > min(thr[j], ti)
  ;; (the scan: m = 1, b = 0, e = 0; the pricing passes: m = 4, b = 2 shift2 - u_i, e = the
  ;; walker's u_j + 2 Z(lca)); returns how many.
  (func (export "filter1") (param $x i32) (param $e i32) (param $thr i32) (param $out i32)
        (param $j0 i32) (param $j1 i32) (param $m f64) (param $b f64) (param $ti f64) (result i32)
    (local $j i32) (local $n i32) (local $x4 v128) (local $ml v128) (local $mh v128)
    (local $mv v128) (local $bv v128) (local $tv v128) (local $o i32)
    (local.set $mv (f64x2.splat (local.get $m)))
    (local.set $bv (f64x2.splat (local.get $b)))
    (local.set $tv (f64x2.splat (local.get $ti)))
    (local.set $j (local.get $j0))
    (local.set $n (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $j1)))
        (local.set $x4 (v128.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $ml
          (f64x2.gt
            (f64x2.sub (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $x4)) (local.get $mv)) (local.get $bv))
                       (v128.load (i32.add (local.get $e) (local.get $o))))
            (f64x2.min (v128.load (i32.add (local.get $thr) (local.get $o))) (local.get $tv))))
        (local.set $mh
          (f64x2.gt
            (f64x2.sub (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x4) (local.get $x4)))
                          (local.get $mv)) (local.get $bv))
                       (v128.load offset=16 (i32.add (local.get $e) (local.get $o))))
            (f64x2.min (v128.load offset=16 (i32.add (local.get $thr) (local.get $o))) (local.get $tv))))
        (if (v128.any_true (v128.or (local.get $ml) (local.get $mh)))
          (then
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $ml))) (i32.lt_s (local.get $j) (local.get $j1)))))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 1)))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $ml))) (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $j1)))))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 2)))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $mh))) (i32.lt_s (i32.add (local.get $j) (i32.const 2)) (local.get $j1)))))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 3)))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $mh))) (i32.lt_s (i32.add (local.get $j) (i32.const 3)) (local.get $j1)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $next)))
    (local.get $n))

  ;; range: the smallest and largest x[j], j in [j0, j1), skipping x[j] == f when hasF is 1
  ;; (2^31 - 1 and -2^31 when none), stored as two int32 at res.
  (func (export "range") (param $x i32) (param $j0 i32) (param $j1 i32) (param $f i32) (param $hasF i32) (param $res i32)
    (local $j i32) (local $x4 v128) (local $keep v128) (local $fv v128) (local $mn v128) (local $mx v128)
    (local $a i32) (local $lo i32) (local $hi i32)
    (local.set $fv (i32x4.splat (local.get $f)))
    (local.set $mn (i32x4.splat (i32.const 0x7fffffff)))
    (local.set $mx (i32x4.splat (i32.const 0x80000000)))
    (local.set $j (local.get $j0))
    (block $done
      (loop $next
        (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $j1)))
        (local.set $x4 (v128.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $keep (v128.or (i32x4.ne (local.get $x4) (local.get $fv)) (i32x4.splat (i32.sub (i32.const 0) (i32.eqz (local.get $hasF))))))
        (local.set $mn (i32x4.min_s (local.get $mn) (v128.bitselect (local.get $x4) (i32x4.splat (i32.const 0x7fffffff)) (local.get $keep))))
        (local.set $mx (i32x4.max_s (local.get $mx) (v128.bitselect (local.get $x4) (i32x4.splat (i32.const 0x80000000)) (local.get $keep))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $next)))
    (local.set $mn (i32x4.min_s (local.get $mn) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mn) (local.get $mn))))
    (local.set $mn (i32x4.min_s (local.get $mn) (i8x16.shuffle 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 (local.get $mn) (local.get $mn))))
    (local.set $mx (i32x4.max_s (local.get $mx) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mx) (local.get $mx))))
    (local.set $mx (i32x4.max_s (local.get $mx) (i8x16.shuffle 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 (local.get $mx) (local.get $mx))))
    (local.set $lo (i32x4.extract_lane 0 (local.get $mn)))
    (local.set $hi (i32x4.extract_lane 0 (local.get $mx)))
    (block $end
      (loop $tail
        (br_if $end (i32.ge_s (local.get $j) (local.get $j1)))
        (local.set $a (i32.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))))
        (if (i32.or (i32.eqz (local.get $hasF)) (i32.ne (local.get $a) (local.get $f)))
          (then
            (if (i32.lt_s (local.get $a) (local.get $lo)) (then (local.set $lo (local.get $a))))
            (if (i32.gt_s (local.get $a) (local.get $hi)) (then (local.set $hi (local.get $a))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tail)))
    (i32.store (local.get $res) (local.get $lo))
    (i32.store offset=4 (local.get $res) (local.get $hi)))

  ;; filter2 (the relative pass): with w = x[j] + base, writes to out the j in [j0, j1) with
  ;; w - h[j] > ti or w - hi > thr[j]; returns how many.
  (func (export "filter2") (param $x i32) (param $h i32) (param $thr i32) (param $out i32)
        (param $j0 i32) (param $j1 i32) (param $base f64) (param $hi f64) (param $ti f64) (result i32)
    (local $j i32) (local $n i32) (local $x4 v128) (local $ml v128) (local $mh v128)
    (local $hv v128) (local $tv v128) (local $o i32) (local $xl v128) (local $xh v128) (local $bv v128)
    (local.set $bv (f64x2.splat (local.get $base)))
    (local.set $hv (f64x2.splat (local.get $hi)))
    (local.set $tv (f64x2.splat (local.get $ti)))
    (local.set $j (local.get $j0))
    (local.set $n (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $j1)))
        (local.set $x4 (v128.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $xl (f64x2.add (f64x2.convert_low_i32x4_s (local.get $x4)) (local.get $bv)))
        (local.set $xh (f64x2.add (f64x2.convert_low_i32x4_s
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x4) (local.get $x4)))
                          (local.get $bv)))
        (local.set $ml
          (v128.or
            (f64x2.gt (f64x2.sub (local.get $xl) (v128.load (i32.add (local.get $h) (local.get $o)))) (local.get $tv))
            (f64x2.gt (f64x2.sub (local.get $xl) (local.get $hv)) (v128.load (i32.add (local.get $thr) (local.get $o))))))
        (local.set $mh
          (v128.or
            (f64x2.gt (f64x2.sub (local.get $xh) (v128.load offset=16 (i32.add (local.get $h) (local.get $o)))) (local.get $tv))
            (f64x2.gt (f64x2.sub (local.get $xh) (local.get $hv)) (v128.load offset=16 (i32.add (local.get $thr) (local.get $o))))))
        (if (v128.any_true (v128.or (local.get $ml) (local.get $mh)))
          (then
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $ml))) (i32.lt_s (local.get $j) (local.get $j1)))))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 1)))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $ml))) (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $j1)))))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 2)))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $mh))) (i32.lt_s (i32.add (local.get $j) (i32.const 2)) (local.get $j1)))))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $j) (i32.const 3)))
            (local.set $n (i32.add (local.get $n)
              (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $mh))) (i32.lt_s (i32.add (local.get $j) (i32.const 3)) (local.get $j1)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $next)))
    (local.get $n))

  ;; widen16: x[j] = raw16[j] (unsigned 16-bit codes, at raw + 2j) for j in [j0, j1), eight at a
  ;; time (may write up to 7 entries past j1 and read 7 past it).
  (func (export "widen16") (param $raw i32) (param $x i32) (param $j0 i32) (param $j1 i32)
    (local $j i32) (local $v v128) (local $d i32)
    (local.set $j (local.get $j0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $j1)))
        (local.set $v (v128.load (i32.add (local.get $raw) (i32.shl (local.get $j) (i32.const 1)))))
        (local.set $d (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
        (v128.store (local.get $d) (i32x4.extend_low_i16x8_u (local.get $v)))
        (v128.store offset=16 (local.get $d) (i32x4.extend_high_i16x8_u (local.get $v)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $next))))

  ;; widen8: x[j] = raw8[j] (unsigned bytes, at raw + j) for j in [j0, j1), sixteen at a time
  ;; (may write up to 15 entries past j1 and read 15 past it).
  (func (export "widen8") (param $raw i32) (param $x i32) (param $j0 i32) (param $j1 i32)
    (local $j i32) (local $v v128) (local $lo v128) (local $hi v128) (local $d i32)
    (local.set $j (local.get $j0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $j1)))
        (local.set $v (v128.load (i32.add (local.get $raw) (local.get $j))))
        (local.set $lo (i16x8.extend_low_i8x16_u (local.get $v)))
        (local.set $hi (i16x8.extend_high_i8x16_u (local.get $v)))
        (local.set $d (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
        (v128.store (local.get $d) (i32x4.extend_low_i16x8_u (local.get $lo)))
        (v128.store offset=16 (local.get $d) (i32x4.extend_high_i16x8_u (local.get $lo)))
        (v128.store offset=32 (local.get $d) (i32x4.extend_low_i16x8_u (local.get $hi)))
        (v128.store offset=48 (local.get $d) (i32x4.extend_high_i16x8_u (local.get $hi)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $next))))
)
