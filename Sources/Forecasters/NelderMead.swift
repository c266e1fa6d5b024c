/// A bounded Nelder–Mead minimiser: the simplex method with points clamped to a box.
///
/// The variant statsforecast uses for Theta and ETS, so that fitted parameters agree
/// with it: the first simplex moves each coordinate by 5% (or by `zeroStep` from 0),
/// the adaptive coefficients of Gao and Han (2012) for `n` dimensions, and a stop when
/// the population standard deviation of the simplex's values falls below `tolerance`.
struct NelderMead {
    var initialStep = 0.05
    var zeroStep = 1e-4
    var maxIterations = 1000
    var tolerance = 1e-4

    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
    }

    func minimize(_ f: ([Double]) -> Double, start: [Double], lower: [Double], upper: [Double]) -> Result {
        let n = start.count
        func clamp(_ x: [Double]) -> [Double] {
            (0..<n).map { min(max(x[$0], lower[$0]), upper[$0]) }
        }
        guard n > 0 else { return Result(x: [], value: f([]), iterations: 0) }
        let nd = Double(n)
        let reflection = 1.0, expansion = 1 + 2 / nd, contraction = 0.75 - 1 / (2 * nd), shrink = 1 - 1 / nd

        let x0 = clamp(start)
        var simplex = [[Double]](repeating: x0, count: n + 1)
        for i in 0..<n {
            let v = simplex[i][i]
            simplex[i][i] = min(max(v == 0 ? zeroStep : v * (1 + initialStep), lower[i]), upper[i])
        }
        var values = simplex.map(f)
        var iteration = 0
        var best = 0
        while iteration < maxIterations {
            defer { iteration += 1 }
            // The first, last and next-to-last points of a stable sort by value, found
            // by scans (the optimiser needs no other rank).
            best = 0
            var worst = 0
            for j in 1...n {
                if values[j] < values[best] { best = j }
                if values[j] >= values[worst] { worst = j }
            }
            var secondWorst = worst == 0 ? 1 : 0
            for j in 0...n where j != worst && values[j] >= values[secondWorst] { secondWorst = j }
            let mean = values.reduce(0, +) / Double(n + 1)
            let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n + 1)).squareRoot()
            if spread < tolerance { break }

            // All points summed, then the worst taken away, as statsforecast does (the
            // same rounding keeps the two on the same path).
            var centroid = [Double](repeating: 0, count: n)
            for point in simplex {
                for i in 0..<n { centroid[i] += point[i] }
            }
            for i in 0..<n { centroid[i] = (centroid[i] - simplex[worst][i]) / nd }
            func along(_ t: Double, _ from: [Double], _ to: [Double]) -> [Double] {
                clamp((0..<n).map { from[$0] + t * (to[$0] - from[$0]) })
            }
            let xr = along(-reflection, centroid, simplex[worst])
            let fr = f(xr)
            if values[best] <= fr && fr < values[secondWorst] {
                simplex[worst] = xr
                values[worst] = fr
                continue
            }
            if fr < values[best] {
                let xe = along(expansion, centroid, xr)
                let fe = f(xe)
                (simplex[worst], values[worst]) = fe < fr ? (xe, fe) : (xr, fr)
                continue
            }
            if values[secondWorst] <= fr && fr < values[worst] {
                let xc = along(contraction, centroid, xr)
                let fc = f(xc)
                if fc <= fr {
                    simplex[worst] = xc
                    values[worst] = fc
                    continue
                }
            } else {
                let xc = along(-contraction, centroid, xr)
                let fc = f(xc)
                if fc < values[worst] {
                    simplex[worst] = xc
                    values[worst] = fc
                    continue
                }
            }
            for j in 0...n where j != best {
                simplex[j] = along(shrink, simplex[best], simplex[j])
                values[j] = f(simplex[j])
            }
        }
        return Result(x: simplex[best], value: values[best], iterations: iteration)
    }
}
