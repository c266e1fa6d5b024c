import Foundation
import Testing

/// A long-format file of `ids`, each a noiseless multiplicative season at its own level.
func writeLongFile(_ path: String, ids: [(String, Double)], months: Int = 60) throws {
    var text = "id,date,value\n"
    for (id, level) in ids {
        for t in 0..<months {
            let value = level * (1 + 0.2 * sin(2 * Double.pi * Double(t) / 12))
            text += "\(id),\(2000 + t / 12)-\(String(format: "%02d", t % 12 + 1)),\(value)\n"
        }
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

@Suite struct PooledCommandTests {
    static let small = ["--training-steps", "40", "--hidden", "16", "--window", "2h", "--loss", "smape"]

    @Test("A long file is pooled by default, and train then predict --model gives the same forecast, unseen ids included")
    func pooledAndColdStart() throws {
        let dir = try temporaryDirectory()
        try writeLongFile(dir + "/train.csv", ids: [("a", 10), ("b", 2000), ("c", 0.5)])
        try writeLongFile(dir + "/other.csv", ids: [("z", 77)])
        let direct = try forecast(["predict", dir + "/train.csv", "--id-column", "id", "--horizon", "6",
                                   "--format", "csv"] + Self.small)
        #expect(direct.status == 0, "\(direct.stderr)")
        let lines = direct.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 3 * 6)
        #expect(lines[0] == "id,date,forecast")
        #expect(lines[1].hasPrefix("a,2005-01,"))

        let explicit = try forecast(["predict", dir + "/train.csv", "--id-column", "id", "--horizon", "6",
                                     "--format", "csv", "--pooling", "global", "--method", "combined"] + Self.small)
        #expect(explicit.stdout == direct.stdout)
        // The default for several series is the combination, not the network alone.
        let network = try forecast(["predict", dir + "/train.csv", "--id-column", "id", "--horizon", "6",
                                    "--format", "csv", "--method", "neural"] + Self.small)
        #expect(network.status == 0 && network.stdout != direct.stdout)

        let train = try forecast(["train", dir + "/train.csv", "--id-column", "id", "--horizon", "6",
                                  "--output", dir + "/model.json"] + Self.small)
        #expect(train.status == 0, "\(train.stderr)")
        let again = try forecast("predict", dir + "/train.csv", "--id-column", "id", "--horizon", "6",
                                 "--format", "csv", "--model", dir + "/model.json")
        #expect(again.stdout == direct.stdout)
        let cold = try forecast("predict", dir + "/other.csv", "--id-column", "id", "--horizon", "6",
                                "--format", "csv", "--model", dir + "/model.json")
        #expect(cold.status == 0, "\(cold.stderr)")
        let rows = cold.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 6 && rows.allSatisfy { $0.hasPrefix("z,") })
        let values = rows.compactMap { Double($0.split(separator: ",").last ?? "") }
        #expect(values.allSatisfy { $0 > 77 * 0.6 && $0 < 77 * 1.4 }, "\(values)")
    }

    @Test("Pooled intervals: predict --interval and a trained model's intervals agree")
    func intervals() throws {
        let dir = try temporaryDirectory()
        try writeLongFile(dir + "/train.csv", ids: [("a", 10), ("b", 2000), ("c", 0.5)])
        let arguments = ["--id-column", "id", "--horizon", "6"] + Self.small
        let direct = try forecast(["predict", dir + "/train.csv", "--format", "csv", "--interval", "80"] + arguments)
        #expect(direct.status == 0, "\(direct.stderr)")
        let lines = direct.stdout.split(separator: "\n")
        #expect(lines[0] == "id,date,forecast,lower_80,upper_80")
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").compactMap { Double($0) }
            #expect(f.count == 3 && f[1] <= f[0] && f[0] <= f[2], "\(line)")
        }
        let train = try forecast(["train", dir + "/train.csv", "--output", dir + "/model.json"] + arguments)
        #expect(train.status == 0, "\(train.stderr)")
        let again = try forecast("predict", dir + "/train.csv", "--id-column", "id", "--horizon", "6", "--format", "csv",
                                 "--interval", "80", "--model", dir + "/model.json")
        #expect(again.stdout == direct.stdout)
    }

    @Test("One thread or two: the same pooled ensemble, byte for byte")
    func threadCountIndependent() throws {
        let dir = try temporaryDirectory()
        try writeLongFile(dir + "/train.csv", ids: [("a", 10), ("b", 2000), ("c", 0.5), ("d", 3)])
        // Four members (two lookbacks × two losses), so two threads really share them out.
        let arguments = ["predict", dir + "/train.csv", "--id-column", "id", "--horizon", "6", "--format", "csv",
                         "--training-steps", "40", "--hidden", "16", "--window", "1h,2h", "--loss", "smape,mape",
                         "--ensemble", "1"]
        let one = try forecast(arguments, environment: ["FORECAST_THREADS": "1"])
        let two = try forecast(arguments, environment: ["FORECAST_THREADS": "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.split(separator: "\n").count == 1 + 4 * 6)
        #expect(one.stdout == two.stdout)
    }

    @Test("--pooling local fits one network per series; a local model knows only its own ids")
    func local() throws {
        let dir = try temporaryDirectory()
        try writeLongFile(dir + "/train.csv", ids: [("a", 10), ("b", 20)])
        try writeLongFile(dir + "/other.csv", ids: [("z", 77)])
        let train = try forecast("train", dir + "/train.csv", "--id-column", "id", "--horizon", "3",
                                 "--output", dir + "/local.json", "--pooling", "local", "--ensemble", "1",
                                 "--epochs", "5")
        #expect(train.status == 0, "\(train.stderr)")
        let cold = try forecast("predict", dir + "/other.csv", "--id-column", "id", "--horizon", "3",
                                "--model", dir + "/local.json")
        #expect(cold.status == 1)
        #expect(cold.stderr.contains("no forecaster for series 'z'"))
    }

    @Test("Model options out of range are usage errors")
    func badOptions() throws {
        for (args, message) in [
            (["--pooling", "everywhere"], "--pooling"), (["--window", "0h"], "--window"),
            (["--loss", "smape,quantile"], "--loss"), (["--training-steps", "0"], "--training-steps"),
            (["--recent", "-1"], "--recent"),
        ] {
            let r = try forecast(["predict", "datasets/air_passengers.csv", "--horizon", "2"] + args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }
}
