#define _GNU_SOURCE
#include "CBLAS.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <math.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

// The CBLAS ABI (cblas.h): enum values and 32-bit ints in Debian's LP64 OpenBLAS.
enum { row_major = 101, no_trans = 111, trans = 112 };
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);
typedef void (*sgemv_fn)(int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
typedef void (*threads_fn)(int);
typedef char *(*string_fn)(void);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static sgemm_fn sgemm;
static sgemv_fn sgemv;
static threads_fn set_threads;
static fc_core_source source = fc_core_builtin;
static char corename[64] = "built-in";
static char config[256] = "";
static char warning[512];
static int has_warning;

fc_cpu_features fc_cpu_features_read(void) {
    fc_cpu_features f = {0, 0, 0, 0, 0};
#if defined(__x86_64__) || defined(__i386__)
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return f;
    unsigned highest = eax;
    char vendor[13];
    memcpy(vendor, &ebx, 4);
    memcpy(vendor + 4, &edx, 4);
    memcpy(vendor + 8, &ecx, 4);
    vendor[12] = 0;
    f.amd = strcmp(vendor, "AuthenticAMD") == 0 || strcmp(vendor, "HygonGenuine") == 0;
    __get_cpuid(1, &eax, &ebx, &ecx, &edx);
    int osxsave = (ecx >> 27) & 1;
    unsigned long long xcr0 = 0;
    if (osxsave) {
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        xcr0 = ((unsigned long long)hi << 32) | lo;
    }
    // The OS must save the registers too: XMM|YMM for AVX, opmask|ZMM for AVX-512.
    int os_avx = (xcr0 & 0x6) == 0x6;
    int os_avx512 = os_avx && (xcr0 & 0xE0) == 0xE0;
    f.avx = os_avx && ((ecx >> 28) & 1);
    f.fma = f.avx && ((ecx >> 12) & 1);
    if (highest >= 7) {
        __cpuid_count(7, 0, eax, ebx, ecx, edx);
        f.avx2 = f.avx && ((ebx >> 5) & 1);
        unsigned need = (1u << 16) | (1u << 17) | (1u << 28) | (1u << 30) | (1u << 31);  // F DQ CD BW VL
        f.avx512 = os_avx512 && (ebx & need) == need;
    }
#endif
    return f;
}

const char *fc_core_for_features(fc_cpu_features f) {
    if (f.avx512) return "SkylakeX";
    if (f.avx2 && f.fma) return f.amd ? "Zen" : "Haswell";
    if (f.avx) return "Sandybridge";
    return NULL;
}

int fc_core_rank(const char *core) {
    static const char *const avx512[] = {"SkylakeX", "Cooperlake", "SapphireRapids"};
    static const char *const avx2[] = {"Haswell", "Zen"};
    if (!core) return 0;
    for (size_t i = 0; i < sizeof avx512 / sizeof avx512[0]; i++)
        if (strcasecmp(core, avx512[i]) == 0) return 3;
    for (size_t i = 0; i < sizeof avx2 / sizeof avx2[0]; i++)
        if (strcasecmp(core, avx2[i]) == 0) return 2;
    return strcasecmp(core, "Sandybridge") == 0 ? 1 : 0;
}

static void *open_openblas(void) {
    static const char *const names[] = {"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (handle) return handle;
    }
    return NULL;
}

static void load(void) {
    const char *environment = getenv("OPENBLAS_CORETYPE");
    const char *chosen = fc_core_for_features(fc_cpu_features_read());
    void *handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_NOLOAD);
    int preloaded = handle != NULL;
    if (!handle) {
        // Set for the load only, so the process environment is left as it was.
        int set_here = !environment && chosen;
        if (set_here) setenv("OPENBLAS_CORETYPE", chosen, 1);
        handle = open_openblas();
        if (set_here) unsetenv("OPENBLAS_CORETYPE");
    }
    if (handle) sgemm = (sgemm_fn)dlsym(handle, "cblas_sgemm");
    if (!sgemm) {
        has_warning = 1;
        snprintf(warning, sizeof warning,
                 "OpenBLAS (libopenblas.so.0) could not be loaded, so matrix products use built-in loops, "
                 "several times slower: install it (apt-get install libopenblas0-pthread)");
        return;
    }
    sgemv = (sgemv_fn)dlsym(handle, "cblas_sgemv");
    set_threads = (threads_fn)dlsym(handle, "openblas_set_num_threads");
    string_fn get_corename = (string_fn)dlsym(handle, "openblas_get_corename");
    string_fn get_config = (string_fn)dlsym(handle, "openblas_get_config");
    const char *name = get_corename ? get_corename() : NULL;
    snprintf(corename, sizeof corename, "%s", name ? name : "unknown");
    if (get_config && get_config()) snprintf(config, sizeof config, "%s", get_config());
    source = environment ? fc_core_environment : preloaded ? fc_core_preloaded : chosen ? fc_core_cpuid : fc_core_openblas;
    if (source == fc_core_preloaded && chosen && fc_core_rank(corename) < fc_core_rank(chosen)) {
        has_warning = 1;
        snprintf(warning, sizeof warning,
                 "OpenBLAS was loaded before swift-forecasting could choose its kernels: it runs %s kernels where "
                 "this CPU supports %s; set OPENBLAS_CORETYPE=%s before the program starts",
                 corename, chosen, chosen);
    }
}

void fc_blas_load(void) { pthread_once(&once, load); }

fc_core_source fc_blas_source(void) {
    fc_blas_load();
    return source;
}

const char *fc_blas_corename(void) {
    fc_blas_load();
    return corename;
}

const char *fc_blas_config(void) {
    fc_blas_load();
    return config;
}

const char *fc_blas_warning(void) {
    fc_blas_load();
    return has_warning ? warning : NULL;
}

void fc_blas_set_threads(int threads) {
    fc_blas_load();
    if (set_threads) set_threads(threads);
}

// Small products without BLAS. For the smallest layers of forecasting networks
// (24 lags into 32 or 64 units, batches of 32) OpenBLAS's packing costs as much as the
// arithmetic: measured with Benchmarks' gemm-shapes, this register-blocked AVX2 loop
// is 1.1-2x faster on C = A·B and C = Aᵀ·B up to about 400,000 multiply-adds and
// slower beyond, and a dot-product form of C = A·Bᵀ lost at every shape, so that
// one stays with BLAS. Every element is one sequential fused multiply-add chain over
// k, so results do not depend on the blocking or on which AVX2 machine runs it.
#if defined(__x86_64__)
#include <immintrin.h>
#define FC_SMALL_TARGET __attribute__((target("avx2,fma")))

// One element of C, the same fused chain over p as the vector lanes compute.
FC_SMALL_TARGET
static inline float small_element(const float *ar, size_t column_stride, const float *b, int ldb, int j, int k) {
    float sum = 0;
    for (int p = 0; p < k; p++) sum = fmaf(ar[(size_t)p * column_stride], b[(size_t)p * ldb + j], sum);
    return sum;
}

// C[i][j] = Σ_p A(i, p)·B[p][j], A(i, p) at a[i·row_stride + p·column_stride].
FC_SMALL_TARGET
static void small_kernel(int m, int n, int k, const float *a, size_t row_stride, size_t column_stride,
                         const float *b, int ldb, float *c, int ldc) {
    int i = 0;
    for (; i + 4 <= m; i += 4) {
        const float *a0 = a + (size_t)i * row_stride, *a1 = a0 + row_stride, *a2 = a1 + row_stride,
                    *a3 = a2 + row_stride;
        int j = 0;
        for (; j + 16 <= n; j += 16) {
            __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                   c31 = c00;
            for (int p = 0; p < k; p++) {
                const float *bp = b + (size_t)p * ldb + j;
                size_t o = (size_t)p * column_stride;
                __m256 b0 = _mm256_loadu_ps(bp), b1 = _mm256_loadu_ps(bp + 8);
                __m256 x0 = _mm256_broadcast_ss(a0 + o), x1 = _mm256_broadcast_ss(a1 + o),
                       x2 = _mm256_broadcast_ss(a2 + o), x3 = _mm256_broadcast_ss(a3 + o);
                c00 = _mm256_fmadd_ps(x0, b0, c00);
                c01 = _mm256_fmadd_ps(x0, b1, c01);
                c10 = _mm256_fmadd_ps(x1, b0, c10);
                c11 = _mm256_fmadd_ps(x1, b1, c11);
                c20 = _mm256_fmadd_ps(x2, b0, c20);
                c21 = _mm256_fmadd_ps(x2, b1, c21);
                c30 = _mm256_fmadd_ps(x3, b0, c30);
                c31 = _mm256_fmadd_ps(x3, b1, c31);
            }
            float *cp = c + (size_t)i * ldc + j;
            _mm256_storeu_ps(cp, c00);
            _mm256_storeu_ps(cp + 8, c01);
            cp += ldc;
            _mm256_storeu_ps(cp, c10);
            _mm256_storeu_ps(cp + 8, c11);
            cp += ldc;
            _mm256_storeu_ps(cp, c20);
            _mm256_storeu_ps(cp + 8, c21);
            cp += ldc;
            _mm256_storeu_ps(cp, c30);
            _mm256_storeu_ps(cp + 8, c31);
        }
        for (; j < n; j++)
            for (int r = 0; r < 4; r++)
                c[(size_t)(i + r) * ldc + j] = small_element(a + (size_t)(i + r) * row_stride, column_stride, b, ldb, j, k);
    }
    for (; i < m; i++) {
        const float *ar = a + (size_t)i * row_stride;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            __m256 acc = _mm256_setzero_ps();
            for (int p = 0; p < k; p++)
                acc = _mm256_fmadd_ps(_mm256_broadcast_ss(ar + (size_t)p * column_stride),
                                      _mm256_loadu_ps(b + (size_t)p * ldb + j), acc);
            _mm256_storeu_ps(c + (size_t)i * ldc + j, acc);
        }
        for (; j < n; j++) c[(size_t)i * ldc + j] = small_element(ar, column_stride, b, ldb, j, k);
    }
}
#endif

static pthread_once_t small_once = PTHREAD_ONCE_INIT;
static int small_enabled;

static void small_decide(void) {
    fc_cpu_features f = fc_cpu_features_read();
    const char *off = getenv("FORECAST_SMALL_GEMM");
    small_enabled = f.avx2 && f.fma && !(off && strcmp(off, "0") == 0);
}

int fc_sgemm_small_enabled(void) {
#if defined(__x86_64__)
    pthread_once(&small_once, small_decide);
    return small_enabled;
#else
    return 0;
#endif
}

int fc_sgemm_small(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
                   const float *b, int ldb, float beta, float *c, int ldc) {
#if defined(__x86_64__)
    if (!fc_sgemm_small_enabled() || trans_b || alpha != 1 || beta != 0 || m < 1 || n < 16 || k < 1 ||
        (double)m * n * k > FC_SMALL_GEMM_LIMIT)
        return 0;
    small_kernel(m, n, k, a, trans_a ? 1 : (size_t)lda, trans_a ? (size_t)lda : 1, b, ldb, c, ldc);
    return 1;
#else
    (void)trans_a; (void)trans_b; (void)m; (void)n; (void)k; (void)alpha; (void)a; (void)lda; (void)b; (void)ldb;
    (void)beta; (void)c; (void)ldc;
    return 0;
#endif
}

void fc_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
              const float *b, int ldb, float beta, float *c, int ldc) {
    fc_blas_load();
    if (m > 1 && fc_sgemm_small(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)) return;
    // A product with one row (a forecast from one window) or one column (a layer with
    // one output) is a matrix-vector product. OpenBLAS 0.3.21's sgemm packs both
    // operands for it all the same, which at forecasting's sizes costs more than the
    // arithmetic; sgemv reads them in place. (k = 0 stays with sgemm, which scales C
    // by beta where sgemv would return at once.)
    if (sgemv && k > 0 && m == 1) {
        int incx = trans_a ? lda : 1;  // the one row of op(A)
        if (trans_b) {
            sgemv(row_major, no_trans, n, k, alpha, b, ldb, a, incx, beta, c, 1);
        } else {
            sgemv(row_major, trans, k, n, alpha, b, ldb, a, incx, beta, c, 1);
        }
        return;
    }
    if (sgemv && k > 0 && n == 1) {
        int incx = trans_b ? 1 : ldb;  // the one column of op(B)
        if (trans_a) {
            sgemv(row_major, trans, k, m, alpha, a, lda, b, incx, beta, c, ldc);
        } else {
            sgemv(row_major, no_trans, m, k, alpha, a, lda, b, incx, beta, c, ldc);
        }
        return;
    }
    if (sgemm) {
        sgemm(row_major, trans_a ? trans : no_trans, trans_b ? trans : no_trans, m, n, k, alpha, a, lda, b, ldb,
              beta, c, ldc);
    } else {
        fc_sgemm_builtin(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}

void fc_sgemm_builtin(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
                      const float *b, int ldb, float beta, float *c, int ldc) {
    for (int i = 0; i < m; i++) {
        float *row = c + (size_t)i * ldc;
        // beta = 0 overwrites C, NaNs included, as BLAS does.
        for (int j = 0; j < n; j++) row[j] = beta == 0 ? 0 : beta * row[j];
        for (int p = 0; p < k; p++) {
            float x = alpha * (trans_a ? a[(size_t)p * lda + i] : a[(size_t)i * lda + p]);
            if (trans_b) {
                for (int j = 0; j < n; j++) row[j] += x * b[(size_t)j * ldb + p];
            } else {
                const float *brow = b + (size_t)p * ldb;
                for (int j = 0; j < n; j++) row[j] += x * brow[j];
            }
        }
    }
}
