import CBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every BLAS call of the package. Layers call these; nothing else touches CBLAS.
///
/// All matrices are row-major Float32. `gemm` computes
/// `C = alpha · op(A) · op(B) + beta · C` with `op` a transpose when asked.
enum BLAS {
    /// Loads OpenBLAS with the kernels this CPU supports (see ``BLASKernels``), says
    /// once on stderr when it could not, and runs it on one thread: on two-core
    /// machines a second thread gains nothing reliable on layer-sized products, and
    /// the layers above use the cores for independent work (folds, series, ensemble
    /// members). Called once, lazily.
    static let configured: Bool = {
        if let warning = fc_blas_warning() {
            let line = "warning: \(String(cString: warning))\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
        fc_blas_set_threads(1)
        return true
    }()

    /// Sets the number of OpenBLAS threads for large products (benchmarks).
    static func setThreads(_ n: Int) {
        _ = configured
        fc_blas_set_threads(Int32(max(1, n)))
    }

    @inline(__always)
    static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        fc_sgemm(
            transposeA ? 1 : 0, transposeB ? 1 : 0,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// Sets how many threads OpenBLAS uses (default 1). Worth raising only for products
/// far larger than forecasting networks'.
public func setBLASThreads(_ count: Int) {
    BLAS.setThreads(count)
}

/// The BLAS kernels behind the network's matrix products, and how they were chosen.
///
/// OpenBLAS picks its kernels from the CPU model when it is loaded, and Debian's
/// 0.3.21 falls back to generic Prescott kernels, 3–4× slower, on CPUs it does not
/// recognise (some cloud VMs that call themselves only "Intel Xeon Processor"). So
/// the package does not link OpenBLAS: on the first product it reads the CPU's
/// features (cpuid), sets `OPENBLAS_CORETYPE` to the matching core type for the
/// load only (AVX-512 → SkylakeX, AVX2 with FMA → Haswell, or Zen on AMD, AVX →
/// Sandybridge), and loads the library. A `OPENBLAS_CORETYPE` the user set always
/// wins. When OpenBLAS was already loaded by the app, its kernels cannot change and
/// a worse choice than the CPU allows is said once on stderr, with the variable to set.
public enum BLASKernels {
    /// How the kernels in use were decided.
    public enum Source: String, Sendable {
        /// `OPENBLAS_CORETYPE` was set when the library loaded.
        case environment
        /// Chosen from the CPU's features.
        case cpuFeatures
        /// OpenBLAS's own detection (a CPU without AVX).
        case openBLAS
        /// OpenBLAS was loaded before this package could choose.
        case alreadyLoaded
        /// OpenBLAS could not be loaded: built-in loops, several times slower.
        case builtIn
    }

    /// The kernels in use, as OpenBLAS names them ("Zen", "SkylakeX"), or "built-in".
    public static var coreName: String { String(cString: fc_blas_corename()) }

    /// OpenBLAS's build description ("OpenBLAS 0.3.21 DYNAMIC_ARCH ..."), empty without it.
    public static var configuration: String { String(cString: fc_blas_config()) }

    /// How ``coreName`` was decided.
    public static var source: Source {
        switch fc_blas_source() {
        case fc_core_environment: .environment
        case fc_core_cpuid: .cpuFeatures
        case fc_core_openblas: .openBLAS
        case fc_core_preloaded: .alreadyLoaded
        default: .builtIn
        }
    }

    /// Whether the smallest products run on the package's own AVX2 loop instead (CPUs
    /// with AVX2 and FMA, unless `FORECAST_SMALL_GEMM=0`): see the README's "BLAS kernels".
    public static var smallProductKernel: Bool { fc_sgemm_small_enabled() == 1 }

    private static var smallProducts: String { smallProductKernel ? "; small products on swift-forecasting's AVX2 loop" : "" }

    /// One line for `--version` and benchmarks: library, kernels and why.
    public static var description: String {
        let why: String
        switch source {
        case .environment: why = "from OPENBLAS_CORETYPE"
        case .cpuFeatures: why = "chosen from the CPU's features"
        case .openBLAS: why = "OpenBLAS's own choice"
        case .alreadyLoaded: why = "OpenBLAS was loaded before this package could choose"
        case .builtIn: return "BLAS: built-in loops (OpenBLAS could not be loaded)" + smallProducts
        }
        return "BLAS: \(configuration), \(coreName) kernels (\(why))" + smallProducts
    }
}
