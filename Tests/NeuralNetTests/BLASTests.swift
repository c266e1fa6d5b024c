import CBLAS
import Testing
@testable import NeuralNet

@Suite("BLAS loading and kernels")
struct BLASTests {
    @Test("cpuid features map to OpenBLAS core types", arguments: [
        // (amd, avx, fma, avx2, avx512) → core
        (fc_cpu_features(amd: 0, avx: 1, fma: 1, avx2: 1, avx512: 1), "SkylakeX"),  // Skylake-SP, Ice Lake, Sapphire Rapids
        (fc_cpu_features(amd: 1, avx: 1, fma: 1, avx2: 1, avx512: 1), "SkylakeX"),  // Zen 4
        (fc_cpu_features(amd: 0, avx: 1, fma: 1, avx2: 1, avx512: 0), "Haswell"),   // Haswell to Comet Lake
        (fc_cpu_features(amd: 1, avx: 1, fma: 1, avx2: 1, avx512: 0), "Zen"),       // Zen 1-3
        (fc_cpu_features(amd: 0, avx: 1, fma: 0, avx2: 0, avx512: 0), "Sandybridge"),
        (fc_cpu_features(amd: 0, avx: 1, fma: 0, avx2: 1, avx512: 0), "Sandybridge"),  // AVX2 without FMA: no FMA kernels
        (fc_cpu_features(amd: 0, avx: 0, fma: 0, avx2: 0, avx512: 0), ""),          // SSE only: OpenBLAS decides
    ])
    func decisionTable(features: fc_cpu_features, core: String) {
        let chosen = fc_core_for_features(features).map { String(cString: $0) } ?? ""
        #expect(chosen == core)
    }

    /// Shapes with one row or one column take OpenBLAS's sgemv, the others its sgemm.
    static let shapes = [(5, 7, 3), (1, 7, 3), (5, 1, 3), (1, 1, 4)].flatMap { shape in
        [(false, false), (false, true), (true, false), (true, true)].map { (shape, $0) }
    }

    @Test("OpenBLAS (sgemm or sgemv) and the built-in loops compute the definition", arguments: shapes)
    func builtInMatchesOpenBLAS(shape: (Int, Int, Int), transposes: (Bool, Bool)) {
        var random = RandomStream(seed: 7)
        let (m, n, k) = shape
        let (transposeA, transposeB) = transposes
        // Leading dimensions wider than the matrices, as slices of larger buffers are.
        let lda = (transposeA ? m : k) + 2, ldb = (transposeB ? k : n) + 1, ldc = n + 3
        let a = (0..<((transposeA ? k : m) * lda)).map { _ in Float(random.uniform()) - 0.5 }
        let b = (0..<((transposeB ? n : k) * ldb)).map { _ in Float(random.uniform()) - 0.5 }
        for beta: Float in [0, 0.5] {
            let start = (0..<(m * ldc)).map { _ in Float(random.uniform()) }
            var blas = start, builtIn = start
            fc_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), 1.5, a, Int32(lda),
                     b, Int32(ldb), beta, &blas, Int32(ldc))
            fc_sgemm_builtin(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), 1.5, a,
                             Int32(lda), b, Int32(ldb), beta, &builtIn, Int32(ldc))
            // And both equal the definition, element by element in Double.
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0
                    for p in 0..<k {
                        let x = Double(transposeA ? a[p * lda + i] : a[i * lda + p])
                        let y = Double(transposeB ? b[j * ldb + p] : b[p * ldb + j])
                        sum += x * y
                    }
                    let expected = 1.5 * sum + Double(beta) * Double(start[i * ldc + j])
                    #expect(abs(Double(blas[i * ldc + j]) - expected) < 1e-5)
                    #expect(abs(Double(builtIn[i * ldc + j]) - expected) < 1e-5)
                }
                // Beyond n, the padding of each row of C is left alone.
                #expect(blas[(i * ldc + n)..<(i * ldc + ldc)] == start[(i * ldc + n)..<(i * ldc + ldc)])
                #expect(builtIn[(i * ldc + n)..<(i * ldc + ldc)] == start[(i * ldc + n)..<(i * ldc + ldc)])
            }
        }
    }

    @Test("In this process OpenBLAS loaded with the kernels the CPU was matched to")
    func loadedKernels() {
        #expect(BLASKernels.source != .builtIn && BLASKernels.source != .alreadyLoaded)
        #expect(BLASKernels.configuration.hasPrefix("OpenBLAS"))
        if BLASKernels.source == .cpuFeatures, let expected = fc_core_for_features(fc_cpu_features_read()) {
            #expect(BLASKernels.coreName.lowercased() == String(cString: expected).lowercased())
        }
    }

    /// Shapes around the small kernel's blocks (4 rows × 16 columns) and tails.
    static let smallShapes: [((Int, Int, Int), Bool)] = [(32, 64, 24), (7, 16, 5), (33, 40, 64), (4, 17, 1), (3, 24, 9)]
        .flatMap { shape in [false, true].map { (shape, $0) } }

    @Test("The small AVX2 kernel: a fused multiply-add chain per element, bit for bit, where it applies",
          .enabled(if: fc_sgemm_small_enabled() == 1, "needs AVX2 with FMA, and FORECAST_SMALL_GEMM not 0"),
          arguments: smallShapes)
    func smallKernel(shape: (Int, Int, Int), transposeA: Bool) {
        var random = RandomStream(seed: 11)
        let (m, n, k) = shape
        let lda = (transposeA ? m : k) + 2, ldb = n + 1, ldc = n + 3
        let a = (0..<((transposeA ? k : m) * lda)).map { _ in Float(random.uniform()) - 0.5 }
        let b = (0..<(k * ldb)).map { _ in Float(random.uniform()) - 0.5 }
        let start = (0..<(m * ldc)).map { _ in Float(random.uniform()) }
        var c = start
        #expect(fc_sgemm_small(transposeA ? 1 : 0, 0, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb),
                               0, &c, Int32(ldc)) == 1)
        for i in 0..<m {
            for j in 0..<n {
                var chain: Float = 0
                var exact = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * lda + i] : a[i * lda + p]
                    chain = chain.addingProduct(x, b[p * ldb + j])  // one rounding, as vfmadd
                    exact += Double(x) * Double(b[p * ldb + j])
                }
                #expect(c[i * ldc + j] == chain)
                #expect(abs(Double(c[i * ldc + j]) - exact) < 1e-5)
            }
            #expect(c[(i * ldc + n)..<(i * ldc + ldc)] == start[(i * ldc + n)..<(i * ldc + ldc)])
        }
    }

    @Test("The small kernel declines what it does not compute: B transposed, alpha or beta, under 16 columns, too large")
    func smallKernelDeclines() {
        // (Declining needs no AVX2: without it the kernel declines everything.)
        let a = [Float](repeating: 1, count: 64 * 64), b = [Float](repeating: 1, count: 64 * 64)
        var c = [Float](repeating: 0, count: 64 * 64)
        #expect(fc_sgemm_small(0, 1, 8, 16, 8, 1, a, 8, b, 8, 0, &c, 16) == 0)
        #expect(fc_sgemm_small(0, 0, 8, 16, 8, 2, a, 8, b, 16, 0, &c, 16) == 0)
        #expect(fc_sgemm_small(0, 0, 8, 16, 8, 1, a, 8, b, 16, 0.5, &c, 16) == 0)
        #expect(fc_sgemm_small(0, 0, 8, 15, 8, 1, a, 8, b, 15, 0, &c, 15) == 0)
        // 64 × 64 × 128 = 524,288 multiply-adds, over FC_SMALL_GEMM_LIMIT: BLAS does it better.
        let big = [Float](repeating: 1, count: 64 * 128)
        #expect(fc_sgemm_small(0, 0, 64, 64, 128, 1, big, 128, big, 64, 0, &c, 64) == 0)
    }
}
