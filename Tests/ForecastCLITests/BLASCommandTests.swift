import CBLAS
import Foundation
import Testing

@Suite("OpenBLAS kernels chosen for the CPU")
struct BLASCommandTests {
    @Test("Core types rank by vector width, so a newer core of the same width is no loss")
    func ranks() {
        #expect(fc_core_rank("Cooperlake") == fc_core_rank("SkylakeX"))
        #expect(fc_core_rank("haswell") == 2 && fc_core_rank("Zen") == 2)
        #expect(fc_core_rank("Sandybridge") == 1 && fc_core_rank("Prescott") == 0 && fc_core_rank(nil) == 0)
    }

    @Test("--version names the kernels; a set OPENBLAS_CORETYPE always wins over the CPU's features")
    func environmentWins() throws {
        // Prescott, the generic kernels, run on every x86-64: the one choice the
        // package would never make itself on a CPU with AVX.
        let set = try forecast(["--version"], environment: ["OPENBLAS_CORETYPE": "Prescott"])
        #expect(set.status == 0)
        #expect(set.stdout.contains("Prescott kernels (from OPENBLAS_CORETYPE)"), "\(set.stdout)")
    }

    @Test("Without OPENBLAS_CORETYPE the kernels follow cpuid")
    func cpuidChooses() throws {
        let result = try forecast(["--version"], removing: ["OPENBLAS_CORETYPE"])
        #expect(result.status == 0)
        if let expected = fc_core_for_features(fc_cpu_features_read()) {
            let name = String(cString: expected)
            #expect(result.stdout.lowercased().contains("\(name.lowercased()) kernels (chosen from the cpu's features)"),
                    "\(result.stdout)")
        } else {
            #expect(result.stdout.contains("OpenBLAS's own choice"), "\(result.stdout)")
        }
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("--version says whether small products run on the package's AVX2 loop; FORECAST_SMALL_GEMM=0 turns it off")
    func smallProducts() throws {
        let on = try forecast(["--version"], removing: ["FORECAST_SMALL_GEMM"])
        let features = fc_cpu_features_read()
        #expect(on.stdout.contains("small products on swift-forecasting's AVX2 loop") == (features.avx2 == 1 && features.fma == 1),
                "\(on.stdout)")
        let off = try forecast(["--version"], environment: ["FORECAST_SMALL_GEMM": "0"])
        #expect(off.status == 0 && !off.stdout.contains("small products"), "\(off.stdout)")
    }

    @Test("OpenBLAS loaded before the package (an app that links it) is detected and named")
    func preloaded() throws {
        let result = try forecast(["--version"], environment: ["LD_PRELOAD": "libopenblas.so.0"],
                                  removing: ["OPENBLAS_CORETYPE"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("(OpenBLAS was loaded before this package could choose)"), "\(result.stdout)")
        // A warning only when its kernels are narrower than the CPU allows (a newer core of
        // the same width, Cooperlake for SkylakeX, is no loss), and then with the fix. The
        // warning comes with the first matrix product, so a forecast is run for it.
        let run = try forecast(["predict", "datasets/nile_yearly.csv", "--horizon", "1", "--quiet"],
                               environment: ["LD_PRELOAD": "libopenblas.so.0"], removing: ["OPENBLAS_CORETYPE"])
        #expect(run.status == 0, "\(run.stderr)")
        let loaded = result.stdout.components(separatedBy: ", ").last?.components(separatedBy: " kernels").first ?? ""
        if let chosen = fc_core_for_features(fc_cpu_features_read()).map({ String(cString: $0) }),
            fc_core_rank(loaded) < fc_core_rank(chosen)
        {
            #expect(run.stderr.contains("set OPENBLAS_CORETYPE=\(chosen) before the program starts"), "\(run.stderr)")
        } else {
            #expect(!run.stderr.contains("OPENBLAS_CORETYPE"), "\(run.stderr)")
        }
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}
