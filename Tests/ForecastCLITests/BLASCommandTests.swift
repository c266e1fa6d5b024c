import CBLAS
import Foundation
import Testing

@Suite("OpenBLAS kernels chosen for the CPU")
struct BLASCommandTests {
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

    @Test("OpenBLAS loaded before the package (an app that links it) is detected and named")
    func preloaded() throws {
        let result = try forecast(["--version"], environment: ["LD_PRELOAD": "libopenblas.so.0"],
                                  removing: ["OPENBLAS_CORETYPE"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("(OpenBLAS was loaded before this package could choose)"), "\(result.stdout)")
        // A warning only when its kernels are worse than the CPU allows, and then with the fix.
        if let chosen = fc_core_for_features(fc_cpu_features_read()).map({ String(cString: $0) }),
            !result.stdout.lowercased().contains("\(chosen.lowercased()) kernels")
        {
            #expect(result.stderr.contains("set OPENBLAS_CORETYPE=\(chosen) before the program starts"))
        } else {
            #expect(result.stderr.isEmpty, "\(result.stderr)")
        }
    }
}
