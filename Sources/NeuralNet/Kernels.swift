#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Element-wise kernels over whole buffers, four lanes at a time.
///
/// The compiler does not vectorise these loops on its own (the pointers may alias),
/// so they spell out `SIMD4<Float>` loads and stores; the arithmetic is the same IEEE
/// single-precision as a scalar loop, operation for operation, so results do not
/// change. Square root, maximum and masking go through SSE intrinsics on x86-64:
/// the standard library's generic `SIMD` versions run lane by lane. No
/// `addingProduct`: without a `-target-cpu` it becomes a call to `fmaf`.
enum Kernels {
    typealias V = SIMD4<Float>
    static let width = 4

    @inline(__always)
    static func squareRoot(_ v: V) -> V {
        #if arch(x86_64)
        return _mm_sqrt_ps(v)
        #else
        return V(v[0].squareRoot(), v[1].squareRoot(), v[2].squareRoot(), v[3].squareRoot())
        #endif
    }

    /// `max(v, 0)` lane by lane.
    @inline(__always)
    static func positivePart(_ v: V) -> V {
        #if arch(x86_64)
        return _mm_max_ps(v, V(repeating: 0))
        #else
        return V(max(v[0], 0), max(v[1], 0), max(v[2], 0), max(v[3], 0))
        #endif
    }

    /// `z > 0 ? g : 0` lane by lane.
    @inline(__always)
    static func wherePositive(_ z: V, _ g: V) -> V {
        #if arch(x86_64)
        return _mm_and_ps(g, _mm_cmpgt_ps(z, V(repeating: 0)))
        #else
        return V(z[0] > 0 ? g[0] : 0, z[1] > 0 ? g[1] : 0, z[2] > 0 ? g[2] : 0, z[3] > 0 ? g[3] : 0)
        #endif
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// Adam on `count` parameters, in the operation order of `Optimizer`'s table.
    static func adam(
        _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
        _ v: UnsafeMutablePointer<Float>, count: Int,
        beta1: Float, oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float,
        inverseCorrection: Float, epsilon: Float, stepSize: Float
    ) {
        var i = 0
        let b1 = V(repeating: beta1), c1 = V(repeating: oneMinusBeta1)
        let b2 = V(repeating: beta2), c2 = V(repeating: oneMinusBeta2)
        let ic = V(repeating: inverseCorrection), eps = V(repeating: epsilon), s = V(repeating: stepSize)
        while i + width <= count {
            let gi = load(g + i)
            let mi = b1 * load(m + i) + gi * c1
            let vi = b2 * load(v + i) + (gi * gi) * c2
            store(mi, m + i)
            store(vi, v + i)
            store(load(p + i) - (mi / (squareRoot(vi) * ic + eps)) * s, p + i)
            i += width
        }
        while i < count {
            m[i] = beta1 * m[i] + g[i] * oneMinusBeta1
            v[i] = beta2 * v[i] + (g[i] * g[i]) * oneMinusBeta2
            p[i] -= (m[i] / (v[i].squareRoot() * inverseCorrection + epsilon)) * stepSize
            i += 1
        }
    }

    /// `a = max(z, 0)`.
    static func relu(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + width <= count {
            store(positivePart(load(z + i)), a + i)
            i += width
        }
        while i < count {
            a[i] = max(z[i], 0)
            i += 1
        }
    }

    /// `g = z > 0 ? g : 0`.
    static func reluBackward(_ z: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + width <= count {
            store(wherePositive(load(z + i), load(g + i)), g + i)
            i += width
        }
        while i < count {
            if !(z[i] > 0) { g[i] = 0 }
            i += 1
        }
    }

    /// `x *= y` element-wise.
    static func multiply(_ x: UnsafeMutablePointer<Float>, by y: UnsafePointer<Float>, count: Int) {
        var i = 0
        while i + width <= count {
            store(load(x + i) * load(y + i), x + i)
            i += width
        }
        while i < count {
            x[i] *= y[i]
            i += 1
        }
    }

    /// Adds the row vector `b` (length `n`) to each of `rows` rows of `z`.
    static func addRow(_ b: UnsafePointer<Float>, to z: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let row = z + r * n
            var j = 0
            while j + width <= n {
                store(load(row + j) + load(b + j), row + j)
                j += width
            }
            while j < n {
                row[j] += b[j]
                j += 1
            }
        }
    }

    /// `out = Σ rows of g` (column sums, added row after row as NumPy's `sum(axis=0)`).
    static func columnSums(_ g: UnsafePointer<Float>, rows: Int, n: Int, into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: n)
        for r in 0..<rows {
            let row = g + r * n
            var j = 0
            while j + width <= n {
                store(load(out + j) + load(row + j), out + j)
                j += width
            }
            while j < n {
                out[j] += row[j]
                j += 1
            }
        }
    }
}
