import Foundation
import Testing

@Suite struct BacktestCommandTests {
    @Test("backtest --format csv: one row per configuration, baselines included, ranked")
    func csv() throws {
        let r = try forecast("backtest", "datasets/uk_gas_quarterly.csv", "--horizon", "4", "--window", "4,8",
                             "--folds", "2", "--ensemble", "1", "--epochs", "20", "--format", "csv")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // The id column is always there, empty for a file of one series.
        #expect(lines[0] == "id,method,window,hidden,learning_rate,mae,rmse,mape,smape,mase,bias,seconds")
        #expect(lines.count == 6)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(",") })
        let methods = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] }
        #expect(methods.filter { $0 == "neural" }.count == 2)
        #expect(methods.contains("naive") && methods.contains("seasonal-naive") && methods.contains("theta"))
        // Ranked by MASE: the column never decreases down the rows.
        let mase = lines.dropFirst().map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[9])! }
        #expect(mase == mase.sorted())
    }

    @Test("Theta and Naive2 as methods and as baselines: a Theta backtest's fold equals Theta's own forecast")
    func thetaAndNaive2() throws {
        let r = try forecast("backtest", "datasets/uk_gas_quarterly.csv", "--horizon", "4", "--test-size", "4",
                             "--method", "theta", "--baselines", "naive2", "--format", "csv", "--no-id")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(Set(rows.map { String($0[0]) }) == ["theta", "naive2"])
        // One fold from the origin 4 quarters before the end: its MAE is the MAE of
        // `predict --method theta` on the history without those quarters.
        let text = try String(contentsOfFile: repositoryRoot + "/datasets/uk_gas_quarterly.csv", encoding: .utf8)
        let lines = text.split(separator: "\n")
        let directory = try temporaryDirectory()
        try (lines.dropLast(4).joined(separator: "\n") + "\n").write(toFile: directory + "/head.csv", atomically: true,
                                                                     encoding: .utf8)
        let p = try forecast("predict", directory + "/head.csv", "--horizon", "4", "--method", "theta", "--format", "csv")
        #expect(p.status == 0, "\(p.stderr)")
        let predicted = p.stdout.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[1]) }
        let actual = lines.suffix(4).compactMap { Double($0.split(separator: ",")[1]) }
        let mae = zip(predicted, actual).map { abs($0 - $1) }.reduce(0, +) / 4
        let theta = try #require(rows.first { $0[0] == "theta" })
        #expect(abs((Double(theta[4]) ?? 0) - mae) < 1e-6 * mae, "\(theta) against \(mae)")
    }

    @Test("A naive backtest from the command line equals the hand computation")
    func naive() throws {
        let values = try String(contentsOfFile: repositoryRoot + "/datasets/nile_yearly.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
        let r = try forecast("backtest", "datasets/nile_yearly.csv", "--horizon", "1", "--test-size", "5",
                             "--method", "naive", "--baselines", "none", "--format", "csv", "--no-id")
        #expect(r.status == 0, "\(r.stderr)")
        let row = r.stdout.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        let mae = (95..<100).map { abs(values[$0] - values[$0 - 1]) }.reduce(0, +) / 5
        let scale = (1..<95).map { abs(values[$0] - values[$0 - 1]) }.reduce(0, +) / 94
        #expect(abs(Double(row[4])! - mae) < 1e-9)
        #expect(abs(Double(row[8])! - mae / scale) < 1e-9)
    }

    @Test("JSON carries per-fold and per-step detail; --detail writes the folds as CSV")
    func jsonAndDetail() throws {
        let directory = try temporaryDirectory()
        let r = try forecast("backtest", "datasets/air_passengers.csv", "--horizon", "3", "--folds", "4",
                             "--method", "drift", "--format", "json", "--detail", directory + "/folds.csv",
                             "--plot", directory + "/bt.svg")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let configurations = try #require(object?["configurations"] as? [[String: Any]])
        #expect(configurations.count == 4)  // drift plus the three default baselines
        let first = configurations[0]
        #expect((first["folds"] as? [Any])?.count == 4)
        #expect((first["per_step"] as? [Any])?.count == 3)
        let detail = try String(contentsOfFile: directory + "/folds.csv", encoding: .utf8).split(separator: "\n")
        #expect(detail[0] == "id,method,window,hidden,learning_rate,fold,origin,mae,rmse,mape,smape,mase,bias")
        #expect(detail.count == 1 + 4 * 4)
        #expect(detail[1].contains(",1960-01,"))  // the first fold's origin: 144 − 3·4
        #expect(try String(contentsOfFile: directory + "/bt.svg", encoding: .utf8).contains("<polyline"))
    }

    @Test("A comma list in --hidden is a grid in backtest: a row per window and hidden size")
    func hiddenGrid() throws {
        let r = try forecast("backtest", "datasets/nile_yearly.csv", "--horizon", "2", "--folds", "2", "--window", "4,8",
                             "--hidden", "4,8", "--epochs", "5", "--baselines", "none", "--format", "csv")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(Set(rows.map { "\($0[2]) \($0[3])" }) == ["4 4", "4 8", "8 4", "8 8"])
    }

    @Test("backtest --window auto is its own row, selected inside every fold; the default lookback says 2m or 12")
    func windowAuto() throws {
        let common = ["--horizon", "4", "--folds", "2", "--ensemble", "1", "--epochs", "10", "--baselines", "none",
                      "--format", "csv", "--quiet"]
        let gas = try forecast(["backtest", "datasets/uk_gas_quarterly.csv", "--window", "4,auto"] + common)
        #expect(gas.status == 0, "\(gas.stderr)")
        let windows = gas.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }
        #expect(Set(windows) == ["4", "auto"])
        let plain = try forecast(["backtest", "datasets/uk_gas_quarterly.csv"] + common)
        #expect(plain.stdout.split(separator: "\n").dropFirst().first?.hasPrefix(",neural,2m,32,") == true, "\(plain.stdout)")
        let nile = try forecast(["backtest", "datasets/nile_yearly.csv"] + common)
        #expect(nile.stdout.split(separator: "\n").dropFirst().first?.hasPrefix(",neural,12,32,") == true, "\(nile.stdout)")
    }

    @Test("Backtests that cannot run say why", arguments: [
        (["backtest", "datasets/nile_yearly.csv", "--horizon", "2", "--test-size", "200"], Int32(1),
         "forecast: error: the series has 100 points; this backtest needs at least 202"),
        (["backtest", "datasets/nile_yearly.csv", "--horizon", "1", "--window", "99", "--folds", "2"], 1,
         "forecast: error: neural (window 99, hidden 32): series 'value' has"),
        (["backtest", "datasets/nile_yearly.csv", "--horizon", "1", "--sliding"], 64, "Error: --sliding needs --train-size W"),
        (["backtest", "datasets/nile_yearly.csv", "--horizon", "1", "--folds", "2", "--test-size", "4"], 64,
         "Error: give --test-size or --folds, not both"),
        (["backtest", "datasets/nile_yearly.csv", "--horizon", "1", "--baselines", "oracle"], 64, "Error: --baselines: unknown 'oracle'"),
        (["predict", "datasets/nile_yearly.csv", "--horizon", "1", "--hidden", "4,8"], 64, "Error: a comma list in --hidden"),
    ])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let r = try forecast(arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
