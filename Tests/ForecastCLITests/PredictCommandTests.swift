import Foundation
import Testing

func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct PredictCommandTests {
    @Test("predict --format csv prints a header and one row per step, nothing else")
    func csv() throws {
        let r = try forecast("predict", "datasets/air_passengers.csv", "--horizon", "3", "--format", "csv",
                             "--interval", "80,95", "--ensemble", "2", "--epochs", "30")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        // The id column is always there, empty for a file of one series.
        #expect(lines[0] == "id,date,forecast,lower_80,upper_80,lower_95,upper_95")
        #expect(lines[1].hasPrefix(",1961-01,"))
        #expect(lines[3].hasPrefix(",1961-03,"))
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).compactMap { Double($0) }
        #expect(fields.count == 5)
        // lower_95 ≤ lower_80 ≤ forecast ≤ upper_80 ≤ upper_95
        #expect(fields[3] <= fields[1] && fields[1] <= fields[0] && fields[0] <= fields[2] && fields[2] <= fields[4])
        #expect(r.stderr.isEmpty)  // no progress when stderr is not a terminal
    }

    @Test("One series is forecast by the combination: 0.7 × the network + 0.3 × the mean of Theta and ETS, each as --method prints it")
    func singleSeriesDefault() throws {
        func column(_ arguments: [String]) throws -> [Double] {
            let r = try forecast(["predict", "datasets/uk_gas_quarterly.csv", "--horizon", "4", "--format", "csv",
                                  "--ensemble", "2", "--epochs", "30", "--seed", "4"] + arguments)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        }
        let byDefault = try column([])
        let network = try column(["--method", "neural"])
        let theta = try column(["--method", "theta"])
        let ets = try column(["--method", "ets"])
        #expect(byDefault.count == 4 && network.count == 4 && theta.count == 4 && ets.count == 4)
        #expect(byDefault == (try column(["--method", "combined"])))
        for h in 0..<4 {
            let expected = 0.7 * network[h] + 0.3 * (theta[h] + ets[h]) / 2
            #expect(abs(byDefault[h] - expected) <= 1e-9 * abs(expected))
        }
        // A real combination, not the network under another name.
        #expect(zip(byDefault, network).contains { abs($0 - $1) > 1e-6 * abs($1) })
    }

    @Test("Baselines from the command line are exact")
    func baselines() throws {
        let r = try forecast("predict", "datasets/nile_yearly.csv", "--horizon", "2", "--method", "naive", "--format", "csv")
        #expect(r.stdout == "id,date,forecast\n,1971,740\n,1972,740\n")
        let s = try forecast("predict", "datasets/uk_gas_quarterly.csv", "--horizon", "1", "--method", "seasonal-naive",
                             "--format", "csv", "--no-id")
        #expect(s.stdout == "date,forecast\n1987-Q1,1163.9\n")
    }

    @Test("predict --format json and table")
    func jsonAndTable() throws {
        let j = try forecast("predict", "datasets/nile_yearly.csv", "--horizon", "2", "--method", "drift", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        let series = try #require((object?["series"] as? [[String: Any]])?.first)
        let steps = try #require(series["forecast"] as? [[String: Any]])
        #expect(steps.map { $0["date"] as? String } == ["1971", "1972"])
        // Drift: 740 + (740 − 1120)/99 per year.
        #expect(abs((steps[0]["forecast"] as? Double ?? 0) - (740 + (740.0 - 1120) / 99)) < 1e-9)
        let t = try forecast("predict", "datasets/nile_yearly.csv", "--horizon", "1", "--method", "mean", "--format", "table")
        #expect(t.stdout == "date  forecast\n1971    919.35\n")
    }

    @Test("train then predict --model gives exactly the forecast of predict alone")
    func modelRoundTrip() throws {
        let directory = try temporaryDirectory()
        let model = directory + "/gas.json"
        let options = ["--horizon", "4", "--ensemble", "2", "--epochs", "40", "--seed", "3"]
        let train = try forecast(["train", "datasets/uk_gas_quarterly.csv", "--output", model] + options)
        #expect(train.status == 0, "\(train.stderr)")
        let fromModel = try forecast("predict", "datasets/uk_gas_quarterly.csv", "--model", model, "--horizon", "4",
                                     "--format", "csv", "--interval", "80")
        let direct = try forecast(["predict", "datasets/uk_gas_quarterly.csv", "--format", "csv", "--interval", "80"] + options)
        #expect(fromModel.status == 0, "\(fromModel.stderr)")
        #expect(fromModel.stdout == direct.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["gas.json"])  // no temporary left
    }

    @Test("A model refuses a file of another frequency or column")
    func modelMismatch() throws {
        let directory = try temporaryDirectory()
        let model = directory + "/m.json"
        _ = try forecast("train", "datasets/uk_gas_quarterly.csv", "--output", model, "--method", "seasonal-naive")
        let other = try forecast("predict", "datasets/nile_yearly.csv", "--model", model, "--horizon", "1")
        #expect(other.status == 1)
        #expect(other.stderr == "forecast: error: the model was trained on quarterly data, this series is yearly\n")
        let renamed = directory + "/renamed.csv"
        try (try String(contentsOfFile: repositoryRoot + "/datasets/uk_gas_quarterly.csv", encoding: .utf8))
            .replacingOccurrences(of: "date,value", with: "date,gas")
            .write(toFile: renamed, atomically: true, encoding: .utf8)
        let column = try forecast("predict", renamed, "--model", model, "--horizon", "1")
        #expect(column.status == 1)
        #expect(column.stderr.contains("no column 'value'"))
        try "{\"formatVersion\":1,".write(toFile: model, atomically: true, encoding: .utf8)
        let broken = try forecast("predict", "datasets/uk_gas_quarterly.csv", "--model", model, "--horizon", "1")
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("forecast: error: \(model): not a valid model file"))
    }

    @Test("predict --model names the model options it ignores and a file that is not the training data")
    func modelWarnings() throws {
        let directory = try temporaryDirectory()
        let model = directory + "/gas.json"
        _ = try forecast("train", "datasets/uk_gas_quarterly.csv", "--output", model, "--method", "seasonal-naive")
        let lines = try String(contentsOfFile: repositoryRoot + "/datasets/uk_gas_quarterly.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        func write(_ name: String, _ rows: [String]) throws -> String {
            let path = directory + "/" + name
            try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        // The same file, with options a saved model cannot take: one warning, the forecast as before.
        let same = try forecast("predict", "datasets/uk_gas_quarterly.csv", "--model", model, "--horizon", "4",
                                "--window", "6", "--hidden", "8", "--format", "csv")
        let plain = try forecast("predict", "datasets/uk_gas_quarterly.csv", "--model", model, "--horizon", "4", "--format", "csv")
        #expect(same.status == 0)
        #expect(same.stdout == plain.stdout)
        #expect(plain.stderr.isEmpty)
        #expect(same.stderr == "warning: --window, --hidden are ignored with --model: the model keeps the options it was trained with\n")
        // Grown by one quarter since training: the everyday use, nothing to say.
        let last = try #require(lines.last)
        let grown = try forecast("predict", try write("grown.csv", lines + ["1987-Q1,\(last.split(separator: ",")[1])"]),
                                 "--model", model, "--horizon", "4", "--format", "csv")
        #expect(grown.status == 0)
        #expect(grown.stderr.isEmpty)
        // Cut short, or a value changed: still a forecast (from its own tail), and a warning.
        let cut = try forecast("predict", try write("cut.csv", Array(lines.dropLast(8))), "--model", model, "--horizon", "4")
        #expect(cut.status == 0)
        #expect(cut.stderr == "warning: the series has \(lines.count - 9) values, fewer than the \(lines.count - 1) the model was trained on: this is not the file it was trained on (forecasting from its last values)\n")
        var edited = lines
        edited[5] = edited[5].split(separator: ",")[0] + ",1"
        let changed = try forecast("predict", try write("changed.csv", edited), "--model", model, "--horizon", "4")
        #expect(changed.status == 0)
        #expect(changed.stderr.contains("the first \(lines.count - 1) values of the series differ from those the model was trained on"))
    }

    @Test("--output writes the same text atomically and --plot draws an SVG")
    func outputAndPlot() throws {
        let directory = try temporaryDirectory()
        let r = try forecast("predict", "datasets/air_passengers.csv", "--horizon", "6", "--format", "csv",
                             "--method", "seasonal-naive", "--interval", "80,95",
                             "--output", directory + "/f.csv", "--plot", directory + "/f.svg")
        #expect(r.status == 0)
        #expect(try String(contentsOfFile: directory + "/f.csv", encoding: .utf8) == r.stdout)
        let svg = try String(contentsOfFile: directory + "/f.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<polyline") && svg.contains("<polygon") && svg.contains("1961-01") && svg.contains("95% interval"))
    }

    @Test("--plot on several series: a grid of panels, --plot-ids chooses, a directory gets a file per series")
    func plotSeveral() throws {
        let directory = try temporaryDirectory()
        let file = "Tests/Fixtures/files/nixtla.csv"  // air, air_late, air_mid
        let grid = try forecast("predict", file, "--horizon", "3", "--method", "naive", "--plot", directory + "/all.svg")
        #expect(grid.status == 0, "\(grid.stderr)")
        let all = try String(contentsOfFile: directory + "/all.svg", encoding: .utf8)
        #expect(all.contains(">air<") && all.contains(">air_late<") && all.contains(">air_mid<"))
        let chosen = try forecast("predict", file, "--horizon", "3", "--method", "naive", "--plot", directory + "/two.svg",
                                  "--plot-ids", "air_mid,air")
        #expect(chosen.status == 0, "\(chosen.stderr)")
        let two = try String(contentsOfFile: directory + "/two.svg", encoding: .utf8)
        #expect(two.contains(">air_mid<") && two.contains(">air<") && !two.contains(">air_late<"))
        let each = try forecast("predict", file, "--horizon", "3", "--method", "naive", "--plot", directory + "/each/")
        #expect(each.status == 0, "\(each.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/each").sorted()
        #expect(files == ["air.svg", "air_late.svg", "air_mid.svg"])
        let unknown = try forecast("predict", file, "--horizon", "3", "--method", "naive", "--plot", directory + "/x.svg",
                                   "--plot-ids", "nope")
        #expect(unknown.status == 1 && unknown.stderr.contains("--plot-ids: no series 'nope'"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.svg"))
        let alone = try forecast("predict", file, "--horizon", "3", "--plot-ids", "air")
        #expect(alone.status == 64 && alone.stderr.contains("give --plot too"))
    }

    @Test("A long-format file gets one forecaster per series, output with the id column")
    func longFormat() throws {
        let directory = try temporaryDirectory()
        let path = directory + "/long.csv"
        var text = "store,date,sales\n"
        for store in ["b", "a"] {
            for k in 0..<24 {
                text += "\(store),\(2020 + k / 12)-\(String(format: "%02d", k % 12 + 1)),\(store == "a" ? k : 100 + k)\n"
            }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try forecast("predict", path, "--id-column", "store", "--horizon", "2", "--method", "drift", "--format", "csv")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "id,date,forecast\nb,2022-01,124\nb,2022-02,125\na,2022-01,24\na,2022-02,25\n")
    }

    @Test("Bad input exits 1 and bad usage 64, each with one line", arguments: [
        (["predict", "missing.csv", "--horizon", "2"], Int32(1), "forecast: error: missing.csv: no such file"),
        (["predict", "datasets/air_passengers.csv", "--horizon", "2", "--window", "200"], 1, "forecast: error: series 'value' has 144 values"),
        (["predict", "datasets/air_passengers_messy.csv", "--horizon", "2"], 1, "forecast: error: datasets/air_passengers_messy.csv:30:2: missing value"),
        (["predict", "datasets/air_passengers.csv", "--horizon", "0"], 64, "Error: --horizon must be between 1 and 100000"),
        (["predict", "datasets/air_passengers.csv", "--horizon", "2", "--hidden", "64xx"], 64, "Error: --hidden expects"),
        (["predict", "datasets/air_passengers.csv", "--horizon", "2", "--interval", "120"], 64, "Error: --interval expects"),
        (["predict", "datasets/air_passengers.csv", "--horizon", "2", "--dropout", "1.5"], 64, "Error: --dropout must be in [0, 1)"),
        (["predict", "datasets/air_passengers.csv", "--horizon", "2", "--transform", "sqrt"], 64, "Error: --transform: unknown 'sqrt'"),
        (["predict", "datasets/air_passengers.csv", "--horizon", "2", "--method", "magic"], 64, "Error: The value 'magic' is invalid"),
        (["train", "datasets/air_passengers.csv"], 64, "Error: Missing expected argument '--output"),
    ])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let r = try forecast(arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
        if status == 1 { #expect(r.stderr.split(separator: "\n").count == 1) }
    }

    @Test("A too-short series names its length and the minimum")
    func tooShort() throws {
        let directory = try temporaryDirectory()
        try "date,value\n2020,1\n".write(toFile: directory + "/one.csv", atomically: true, encoding: .utf8)
        let r = try forecast("predict", directory + "/one.csv", "--horizon", "1")
        #expect(r.status == 1)
        #expect(r.stderr.contains("has 1 values") && r.stderr.contains("at least 2"), "\(r.stderr)")
    }
}
