// Times the package's small AVX2 product kernel (Sources/CBLAS/blas.c) against
// OpenBLAS's cblas_sgemm on the products of small forecasting networks, one thread.
//
//   bash Benchmarks/gemm-shapes/run.sh          # builds with cc, runs twice
//
// Each line: the product, microseconds per call for OpenBLAS and for the kernel (best
// of 5 timed blocks), their ratio, and the largest difference of the results.
#include "CBLAS.h"
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *randoms(size_t n) {
    float *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++) x[i] = (float)rand() / (float)RAND_MAX - 0.5f;
    return x;
}

int main(void) {
    if (!fc_sgemm_small_enabled()) {
        fprintf(stderr, "the small kernel is off here (no AVX2 with FMA, or FORECAST_SMALL_GEMM=0)\n");
        return 1;
    }
    // (transpose A, m, n, k): forward products A·B (rows × outputs × inputs) and weight
    // gradients Aᵀ·B (inputs × outputs × rows) of 24/64 and 64/64 layers, batches 32 and 256.
    static const int shapes[][4] = {{0, 32, 64, 24},  {0, 256, 64, 24}, {0, 32, 64, 64},  {0, 256, 64, 64},
                                    {0, 256, 256, 48}, {1, 24, 64, 32},  {1, 24, 64, 256}, {1, 64, 64, 256}, {0, 256, 512, 168}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        int ta = shapes[s][0], m = shapes[s][1], n = shapes[s][2], k = shapes[s][3];
        int lda = ta ? m : k;
        float *a = randoms((size_t)m * k), *b = randoms((size_t)k * n);
        float *c = malloc((size_t)m * n * sizeof *c), *d = malloc((size_t)m * n * sizeof *d);
        int reps = (int)(1e8 / ((double)m * n * k)) + 10;
        double best_blas = INFINITY, best_own = INFINITY;
        for (int block = 0; block < 5; block++) {
            double t0 = now();
            for (int r = 0; r < reps; r++)
                cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, CblasNoTrans, m, n, k, 1, a, lda, b, n, 0, c, n);
            double t1 = now();
            // run.sh lifts the size limit, so the kernel takes every shape here.
            for (int r = 0; r < reps; r++) fc_sgemm_small(ta, 0, m, n, k, 1, a, lda, b, n, 0, d, n);
            double t2 = now();
            best_blas = fmin(best_blas, (t1 - t0) / reps);
            best_own = fmin(best_own, (t2 - t1) / reps);
        }
        double worst = 0;
        for (int i = 0; i < m * n; i++) worst = fmax(worst, fabs(c[i] - d[i]));
        // "(small)": a shape the package gives the kernel; the others stay with BLAS.
        printf("%s %4d x %4d x %4d %s OpenBLAS %8.2f us  kernel %8.2f us  ratio %.2f  max diff %.1e\n",
               ta ? "At*B" : "A*B ", m, n, k, (double)m * n * k <= FC_SMALL_GEMM_DEFAULT_LIMIT ? "(small)" : "       ",
               best_blas * 1e6, best_own * 1e6, best_blas / best_own, worst);
        free(a), free(b), free(c), free(d);
    }
    return 0;
}
