// The package's only door to BLAS. OpenBLAS is not linked: it is loaded with dlopen
// on first use, after its kernels have been chosen from the CPU's features, because
// OpenBLAS reads OPENBLAS_CORETYPE once, when it is loaded (Debian's 0.3.21 falls
// back to generic Prescott kernels on CPUs it does not recognise, 3-4x slower).
#ifndef FORECASTING_CBLAS_H
#define FORECASTING_CBLAS_H

/// What cpuid and xgetbv say about the vector units (1 = present and enabled by the OS).
typedef struct {
    int amd;        // AuthenticAMD or HygonGenuine
    int avx;        // AVX, with the OS saving YMM state
    int fma;
    int avx2;
    int avx512;     // AVX-512 F, DQ, CD, BW and VL, with the OS saving ZMM state
} fc_cpu_features;

/// How the kernels in use were decided.
typedef enum {
    fc_core_environment = 0,  // OPENBLAS_CORETYPE was set by the user: it always wins
    fc_core_cpuid = 1,        // chosen here from fc_cpu_features
    fc_core_openblas = 2,     // OpenBLAS's own detection (no choice for this CPU)
    fc_core_preloaded = 3,    // OpenBLAS was loaded by someone else before us
    fc_core_builtin = 4,      // OpenBLAS could not be loaded: the built-in loops
} fc_core_source;

fc_cpu_features fc_cpu_features_read(void);

/// The OpenBLAS core type for these features ("SkylakeX", "Zen", "Haswell",
/// "Sandybridge"), or NULL to leave the decision to OpenBLAS.
const char *fc_core_for_features(fc_cpu_features features);

/// How wide the vector kernels of an OpenBLAS core type are: 3 for the AVX-512 cores
/// (SkylakeX, Cooperlake, SapphireRapids), 2 for AVX2 (Haswell, Zen), 1 for AVX
/// (Sandybridge), 0 for the rest. OpenBLAS may pick a newer core than
/// fc_core_for_features (Cooperlake where it says SkylakeX): that is no loss.
int fc_core_rank(const char *core);

/// Loads BLAS once (thread-safe); every function below calls it.
void fc_blas_load(void);

fc_core_source fc_blas_source(void);
/// The kernels in use ("Zen"; "built-in" without OpenBLAS).
const char *fc_blas_corename(void);
/// OpenBLAS's build description ("OpenBLAS 0.3.21 DYNAMIC_ARCH ..."), or "".
const char *fc_blas_config(void);
/// One sentence for stderr when the kernels are worse than this CPU allows, or NULL.
const char *fc_blas_warning(void);

void fc_blas_set_threads(int threads);

/// Row-major C = alpha·op(A)·op(B) + beta·C, op a transpose when `trans_a`/`trans_b`.
void fc_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
              const float *b, int ldb, float beta, float *c, int ldc);

/// The most multiply-adds (m·n·k) a product may have to take the small AVX2 kernel
/// (Benchmarks/gemm-shapes raises it to time the kernel beyond, where BLAS wins).
#define FC_SMALL_GEMM_DEFAULT_LIMIT 400000
#ifndef FC_SMALL_GEMM_LIMIT
#define FC_SMALL_GEMM_LIMIT FC_SMALL_GEMM_DEFAULT_LIMIT
#endif

/// Whether small products take the AVX2 kernel: the CPU has AVX2 and FMA, and
/// FORECAST_SMALL_GEMM is not "0" (for measuring against BLAS).
int fc_sgemm_small_enabled(void);

/// C = op(A)·B by the small AVX2 kernel when it applies (alpha 1, beta 0, B not
/// transposed, at least 16 columns, at most FC_SMALL_GEMM_LIMIT multiply-adds, the
/// kernel enabled); returns 1 if it computed C, 0 if the caller must.
int fc_sgemm_small(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
                   const float *b, int ldb, float beta, float *c, int ldc);

/// The built-in loops that stand in for OpenBLAS when it cannot be loaded.
void fc_sgemm_builtin(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
                      const float *b, int ldb, float beta, float *c, int ldc);

#endif
