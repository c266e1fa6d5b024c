import CBLAS

/// Every BLAS call of the package. Layers call these; nothing else touches CBLAS.
///
/// All matrices are row-major Float32. `gemm` computes
/// `C = alpha · op(A) · op(B) + beta · C` with `op` a transpose when asked.
enum BLAS {
    /// Runs OpenBLAS on one thread: on two-core machines a second thread gains nothing
    /// reliable on layer-sized products, and the layers above use the cores for
    /// independent work (folds, series, ensemble members). Called once, lazily.
    static let configured: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Sets the number of OpenBLAS threads for large products (benchmarks).
    static func setThreads(_ n: Int) {
        _ = configured
        openblas_set_num_threads(Int32(max(1, n)))
    }

    @inline(__always)
    static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// Sets how many threads OpenBLAS uses (default 1). Worth raising only for products
/// far larger than forecasting networks'.
public func setBLASThreads(_ count: Int) {
    BLAS.setThreads(count)
}
