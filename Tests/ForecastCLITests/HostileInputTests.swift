import Foundation
import Testing

/// One input a user can hand the tool by mistake (or on purpose), and what it must do.
///
/// In `arguments`, `$D/` is the corpus directory (files built by ``HostileCorpus``) and
/// `$OK` a valid monthly series there.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var status: Int32
    /// Must appear in stderr (for status 0, a warning; empty for none expected).
    var fragment: String

    init(_ name: String, _ arguments: String, _ status: Int32, _ fragment: String) {
        self.name = name
        self.arguments = arguments.split(separator: " ").map(String.init)
        self.status = status
        self.fragment = fragment
    }

    var testDescription: String { name }
}

/// The project's hostile corpus: bad flags, malformed and adversarial CSV files,
/// corrupted model files and unwritable outputs. Every case checks its exit code and
/// message, and that no crash trace, no partial stdout and no second error line
/// appear. Keep adding to it: a fixed bug belongs here.
enum HostileCorpus {
    static let predict = "predict $OK --horizon 3"
    static let naive = "predict $OK --horizon 3 --method naive"
    static let backtest = "backtest $OK --horizon 3 --method naive --baselines none"

    static let flags: [HostileCase] = [
        .init("horizon 0", "predict $OK --method naive --horizon 0", 64, "Error: --horizon must be between 1 and 100000, got 0"),
        .init("horizon negative", "predict $OK --method naive --horizon -1", 64, "Error:"),
        .init("horizon Int.max", "predict $OK --method naive --horizon 9223372036854775807", 64, "--horizon must be between 1 and 100000"),
        .init("horizon 10^9", "predict $OK --method naive --horizon 1000000000", 64, "--horizon must be between 1 and 100000"),
        .init("horizon past Int64", "predict $OK --method naive --horizon 99999999999999999999", 64, "Error:"),
        .init("horizon not a number", "predict $OK --method naive --horizon three", 64, "Error:"),
        .init("train horizon Int.max", "train $OK --output $D/never.json --horizon 9223372036854775807", 64, "--horizon must be between 1 and 100000"),
        .init("backtest horizon Int.max", "backtest $OK --horizon 9223372036854775807", 64, "--horizon must be between 1 and 100000"),
        .init("window 0", "\(predict) --window 0", 64, "--window expects a number of lags (1…100000)"),
        .init("window 10^9", "\(predict) --window 1000000000", 64, "--window expects a number of lags"),
        .init("window negative", "\(predict) --window -3", 64, "Error:"),
        .init("window text", "\(predict) --window abc", 64, "--window expects"),
        .init("window 0h", "\(predict) --window 0h", 64, "--window expects"),
        .init("window 1001h", "\(predict) --window 1001h", 64, "--window expects"),
        .init("lags 0", "\(predict) --lags 0", 64, "--lags expects integers from 1 to 100000"),
        .init("lags huge", "\(predict) --lags 1,200000", 64, "--lags expects integers from 1 to 100000"),
        .init("lags twice", "\(predict) --lags 1,1", 64, "--lags has a lag twice"),
        .init("lags and window", "\(predict) --lags 1,2 --window 5", 64, "give --lags or --window, not both"),
        .init("header and no header", "\(predict) --header --no-header", 64, "give --header or --no-header, not both"),
        .init("lags text", "\(predict) --lags a,b", 64, "--lags expects"),
        .init("hidden 0", "\(predict) --hidden 0", 64, "--hidden expects layer widths from 1 to 65536"),
        .init("hidden 100000x100000", "\(predict) --hidden 100000x100000", 64, "--hidden expects layer widths from 1 to 65536"),
        .init("hidden 60000x60000", "\(predict) --hidden 60000x60000", 64, "weights; at most 50000000 are allowed"),
        .init("hidden 64x", "\(predict) --hidden 64x", 64, "--hidden expects"),
        .init("hidden x", "\(predict) --hidden x", 64, "--hidden expects"),
        .init("hidden 101 layers", "\(predict) --hidden \(Array(repeating: "2", count: 101).joined(separator: "x"))", 64, "at most 100 hidden layers"),
        .init("hidden grid in predict", "\(predict) --hidden 8,16", 64, "only `forecast backtest` takes"),
        .init("season 0", "\(naive) --season 0", 64, "--season must be between 1 and 100000, got 0"),
        .init("season 10^9", "\(naive) --season 1000000000", 64, "--season must be between 1 and 100000"),
        .init("season Int.max", "predict $OK --horizon 3 --method seasonal-naive --season 9223372036854775807", 64, "--season must be between 1 and 100000"),
        .init("ensemble 0", "\(predict) --ensemble 0", 64, "--ensemble must be between 1 and 1000"),
        .init("ensemble 10^9", "\(predict) --ensemble 1000000000", 64, "--ensemble must be between 1 and 1000"),
        .init("batch size 0", "\(predict) --batch-size 0", 64, "--batch-size must be between 1 and 1000000"),
        .init("batch size 10^9", "\(predict) --batch-size 1000000000", 64, "--batch-size must be between 1 and 1000000"),
        .init("epochs 0", "\(predict) --epochs 0", 64, "--epochs must be between 1 and 1000000"),
        .init("epochs 10^7", "\(predict) --epochs 10000000", 64, "--epochs must be between 1 and 1000000"),
        .init("patience 0", "\(predict) --patience 0", 64, "--patience must be between 1"),
        .init("training steps 0", "\(predict) --training-steps 0", 64, "--training-steps must be between 1 and 10000000"),
        .init("training steps 10^8", "\(predict) --training-steps 100000000", 64, "--training-steps must be between 1 and 10000000"),
        .init("dropout 1", "\(predict) --dropout 1", 64, "--dropout must be in [0, 1)"),
        .init("dropout negative", "\(predict) --dropout -0.1", 64, "Error:"),
        .init("dropout nan", "\(predict) --dropout nan", 64, "--dropout must be in [0, 1)"),
        .init("weight decay negative", "\(predict) --weight-decay=-1", 64, "--weight-decay must be 0 or more"),
        .init("learning rate 0", "\(predict) --learning-rate 0", 64, "--learning-rate must be positive"),
        .init("learning rate inf", "\(predict) --learning-rate inf", 64, "--learning-rate must be positive"),
        .init("learning rate text", "\(predict) --learning-rate fast", 64, "--learning-rate must be positive"),
        .init("recent 0", "\(predict) --recent 0", 64, "--recent must be positive"),
        .init("recent nan", "\(predict) --recent nan", 64, "--recent must be positive"),
        .init("min history 0", "\(predict) --min-history 0", 64, "--min-history must be between 1 and 100000"),
        .init("min history huge", "\(predict) --min-history 1000000", 64, "--min-history must be between 1 and 100000"),
        .init("validation 1", "\(predict) --validation 1", 64, "Error:"),
        .init("interval 0", "\(naive) --interval 0", 64, "--interval expects percentages between 0 and 100"),
        .init("interval 100", "\(naive) --interval 100", 64, "--interval expects percentages between 0 and 100"),
        .init("interval twice", "\(naive) --interval 80,80", 64, "--interval lists 80 twice"),
        .init("interval empty item", "\(naive) --interval 80,,95", 64, "--interval expects"),
        .init("interval text", "\(naive) --interval high", 64, "--interval expects"),
        .init("unknown method", "\(predict) --method magic", 64, "Error: The value 'magic' is invalid"),
        .init("unknown format", "\(naive) --format xml", 64, "Error: The value 'xml' is invalid"),
        .init("unknown loss", "\(predict) --loss huberish", 64, "--loss: unknown 'huberish'"),
        .init("unknown transform", "\(predict) --transform sqrt", 64, "--transform: unknown 'sqrt'"),
        .init("unknown missing policy", "\(naive) --missing guess", 64, "Error: The value 'guess' is invalid"),
        .init("two-character delimiter", "\(naive) --delimiter ab", 64, "invalid delimiter 'ab'"),
        .init("no such column", "\(naive) --column nosuch", 1, "no column 'nosuch'; the columns are 'date', 'value'"),
        .init("column index past the end", "\(naive) --column 99", 1, "no column"),
        .init("no such date column", "\(naive) --date-column when", 1, "no column 'when'"),
        .init("no such id column", "\(naive) --id-column store", 1, "no column 'store'"),
        .init("train without output", "train $OK --horizon 3", 64, "Error: Missing expected argument '--output"),
        .init("folds 0", "\(backtest) --folds 0", 64, "the number of folds must be between 1 and 100000"),
        .init("folds Int.max", "\(backtest) --folds 9223372036854775807", 64, "the number of folds must be between 1 and 100000"),
        .init("folds 10^9", "\(backtest) --folds 1000000000", 64, "the number of folds must be between 1 and 100000"),
        .init("test size Int.max", "\(backtest) --test-size 9223372036854775807", 64, "the test size must be between the horizon (3) and 1000000000"),
        .init("test size below horizon", "\(backtest) --test-size 2", 64, "the test size must be between the horizon (3)"),
        .init("stride 0", "\(backtest) --stride 0", 64, "the stride must be between 1"),
        .init("stride Int.max", "\(backtest) --stride 9223372036854775807", 64, "the stride must be between 1 and 1000000000"),
        .init("stride too long for the series", "\(backtest) --stride 1000000", 1, "this backtest needs at least"),
        .init("folds and test size", "\(backtest) --folds 2 --test-size 6", 64, "give --test-size or --folds, not both"),
        .init("sliding without train size", "\(backtest) --sliding", 64, "--sliding needs --train-size W"),
        .init("train size without sliding", "\(backtest) --train-size 10", 64, "--train-size needs --sliding"),
        .init("train size Int.max", "\(backtest) --sliding --train-size 9223372036854775807", 64, "the training window must be between 2 and 1000000000"),
        .init("refit every negative", "\(backtest) --refit-every=-1", 64, "--refit-every must be between 0"),
        .init("refit every Int.max", "\(backtest) --refit-every 9223372036854775807", 64, "--refit-every must be between 0 and 1000000000"),
        .init("unknown baseline", "backtest $OK --horizon 3 --method naive --baselines oracle", 64, "--baselines: unknown 'oracle'"),
        .init("neural as a baseline", "backtest $OK --horizon 3 --method naive --baselines neural", 64, "--baselines: unknown 'neural'"),
        .init("unknown metric", "\(backtest) --metric r2", 64, "Error: The value 'r2' is invalid"),
        .init("backtest season Int.max", "\(backtest) --season 9223372036854775807", 64, "--season must be between 1 and 100000"),
    ]

    static let files: [HostileCase] = [
        .init("missing file", "predict $D/nowhere.csv --horizon 3", 1, "nowhere.csv: no such file"),
        .init("empty standard input", "predict - --horizon 3", 1, "<stdin>: the file is empty"),
        .init("a directory", "predict $D/ --horizon 3", 1, "is a directory, expected a CSV file"),
        .init("empty file", "predict $D/empty.csv --horizon 3", 1, "empty.csv: the file is empty"),
        .init("header only", "predict $D/header-only.csv --horizon 3", 1, "header-only.csv: no data rows, only a header"),
        .init("one row", "predict $D/one-row.csv --horizon 3", 1, "series 'value' has 1 values"),
        .init("no numeric column", "predict $D/no-numeric.csv --horizon 3", 1, "no numeric column to forecast"),
        .init("nan value", "\(naiveOn("nan.csv"))", 1, "nan.csv:6:2: missing value in column 'value'"),
        .init("inf value", "\(naiveOn("inf.csv"))", 1, "inf.csv:6:2: expected a number in column 'value', found 'inf'"),
        .init("1e999 value", "\(naiveOn("overflow.csv"))", 1, "overflow.csv:6:2: expected a number in column 'value', found '1e999'"),
        .init("empty value", "\(naiveOn("missing.csv"))", 1, "missing.csv:6:2: missing value in column 'value' (use --missing"),
        .init("text value", "\(naiveOn("text-value.csv"))", 1, "text-value.csv:6:2: expected a number in column 'value', found 'abc'"),
        .init("text value, lines ended by lone CRs", "\(naiveOn("text-value-cr.csv"))", 1, "text-value-cr.csv:6:2: expected a number in column 'value', found 'abc'"),
        .init("text value after a line of spaces", "\(naiveOn("text-value-blank.csv"))", 1, "text-value-blank.csv:7:2: expected a number in column 'value', found 'abc'"),
        .init("text value, CR LF lines", "\(naiveOn("text-value-crlf.csv"))", 1, "text-value-crlf.csv:6:2: expected a number in column 'value', found 'abc'"),
        .init("unterminated quote", "\(naiveOn("unterminated.csv"))", 1, "unterminated.csv:6: a quoted field starting on this line never ends"),
        .init("quote inside a field", "\(naiveOn("bad-quote.csv"))", 1, "bad-quote.csv:6:"),
        .init("row with an extra field", "\(naiveOn("ragged.csv"))", 1, "ragged.csv:6: expected 2 fields like the first row, found 3"),
        .init("row with a missing field", "\(naiveOn("short-row.csv"))", 1, "short-row.csv:6: expected 2 fields like the first row, found 1"),
        .init("duplicated header name", "\(naiveOn("dup-header.csv"))", 1, "dup-header.csv:1: the header names 'value' twice (columns 2 and 3)"),
        .init("first date with a UTC offset", "\(naiveOn("first-date-offset.csv"))", 1, "first-date-offset.csv:2:1: expected a date like YYYY-MM-DD, found '2020-01-01T00:00:00+01:00'"),
        .init("first date February 30", "\(naiveOn("feb30.csv"))", 1, "feb30.csv:2:1: expected a date like YYYY-MM-DD, found '2023-02-30'"),
        .init("first date month 00", "\(naiveOn("month00.csv"))", 1, "month00.csv:2:1: expected a date like YYYY-MM, found '2020-00'"),
        .init("first index 19 digits", "\(naiveOn("bigindex.csv"))", 1, "bigindex.csv:2:1: expected a date like an integer, found '1234567890123456789'"),
        .init("bad date mid-file", "\(naiveOn("mid-date-bad.csv"))", 1, "mid-date-bad.csv:11:1: expected a date like YYYY-MM-DD, found '2020-13-45'"),
        .init("duplicated date", "\(naiveOn("dup-date.csv"))", 1, "dup-date.csv:11: duplicate timestamp 2020-01-09, already on line 10"),
        .init("dates backwards", "\(naiveOn("backwards.csv"))", 1, "backwards.csv:3: timestamp 2020-01-27 is earlier than 2020-01-28 on line 2"),
        .init("a gap in the dates", "\(naiveOn("gap.csv"))", 1, "series 'value': 1 missing step(s) between 2020-01-10 and 2020-01-12"),
        .init("irregular spacing", "\(naiveOn("irregular.csv"))", 1, "are not a whole number of"),
        .init("one megabyte field", "\(naiveOn("bigfield.csv"))", 1, "bigfield.csv:2:2: expected a number in column 'value', found '99999999999"),
        .init("echo capped at 60 characters", "\(naiveOn("bigfield.csv"))", 1, "9999…'"),
        .init("200,000-column header", "predict $D/wide-header.csv --horizon 3 --method naive --column c5 --format csv", 0, ""),
        .init("first record past 64 MB", "\(naiveOn("endless.csv"))", 1, "endless.csv:1: a record longer than 64 MB"),
        .init("NUL bytes", "\(naiveOn("binary.csv"))", 1, "binary.csv:2: binary data (a NUL byte), expected CSV text"),
        .init("every value missing, dropped", "predict $D/all-missing.csv --horizon 3 --method naive --missing drop", 1, "every value is missing"),
        .init("constant zero series", "predict $D/zeros.csv --horizon 3 --method naive --format csv", 0, ""),
        .init("values near Double.max", "predict $D/huge.csv --horizon 3 --method naive --format csv", 0, ""),
        .init("long file, id with one row, skipped", "predict $D/long-short-id.csv --id-column id --horizon 3 --method drift --skip-short --format csv", 0, "warning: skipped: series 'b' has 1 values; this forecaster needs at least 2"),
        .init("five points, horizon 12", "predict $D/five.csv --horizon 12 --format csv --training-steps 20", 0, "warning: series 'value' has 5 values, too few for a lookback of 24 lags; the network looked back 1 lag"),
        .init("backtest long file, id with one row, skipped", "backtest $D/long-short-id.csv --id-column id --horizon 3 --method naive --baselines none --skip-short --format csv", 0, "warning: skipped: series 'b': the series has 1 points; this backtest needs at least"),
        .init("long file mixing frequencies, pooled", "predict $D/mixed-frequency.csv --id-column id --horizon 2 --method neural --training-steps 5", 1, "series 'b' is weekly but 'a' is daily; a pooled model takes one frequency"),
        .init("long file mixing frequencies, local", "predict $D/mixed-frequency.csv --id-column id --horizon 2 --method drift --format csv", 0, ""),
        .init("long file, unknown id column", "predict $D/long-short-id.csv --id-column store --horizon 3", 1, "no column 'store'"),
        .init("output into a missing directory", "\(naive) --output $D/missing/o.csv", 1, "o.csv: cannot write: No such file or directory"),
        .init("output onto a directory", "\(naive) --output $D/", 1, "cannot write: it is a directory"),
        .init("output onto /dev/null", "\(naive) --output /dev/null --format csv", 0, ""),
        .init("plot into a missing directory", "\(naive) --plot $D/missing/p.svg", 1, "p.svg: cannot write: No such file or directory"),
        .init("detail into a missing directory", "\(backtest) --detail $D/missing/d.csv", 1, "d.csv: cannot write: No such file or directory"),
        .init("model output into a missing directory", "train $OK --horizon 3 --method naive --output $D/missing/m.json", 1, "m.json: cannot write: No such file or directory"),
    ]

    static func naiveOn(_ file: String) -> String { "predict $D/\(file) --horizon 3 --method naive" }

    /// Model files: `model-<name>.json` is the corpus' trained model with one thing broken.
    static let models: [HostileCase] = [
        .init("model: missing file", "predict $OK --horizon 3 --model $D/no-model.json", 1, "no-model.json: cannot read"),
        .init("model: empty file", "\(modelCase("empty"))", 1, "not a swift-forecasting model (truncated or another file)"),
        .init("model: not JSON", "\(modelCase("not-json"))", 1, "not a swift-forecasting model"),
        .init("model: truncated", "\(modelCase("truncated"))", 1, "not a swift-forecasting model"),
        .init("model: a CSV file", "predict $OK --horizon 3 --model $OK", 1, "not a swift-forecasting model"),
        .init("model: newer version", "\(modelCase("version-99"))", 1, "model format version 99 is newer than this program reads"),
        .init("model: older version", "\(modelCase("version-1"))", 1, "made by an older version"),
        .init("model: no members", "\(modelCase("members-empty"))", 1, "arrays disagree in length, or it has no networks"),
        .init("model: empty lag set", "\(modelCase("lags-empty"))", 1, "the lag set is empty"),
        .init("model: lag 0", "\(modelCase("lags-zero"))", 1, "lags must be at least 1"),
        .init("model: lag twice", "\(modelCase("lags-twice"))", 1, "lag 1 appears twice"),
        .init("model: no transforms", "\(modelCase("transforms-empty"))", 1, "arrays disagree in length"),
        .init("model: no series labels", "\(modelCase("labels-empty"))", 1, "arrays disagree in length"),
        .init("model: epochs per member missing", "\(modelCase("epochs-empty"))", 1, "per-network arrays disagree"),
        .init("model: first layer wider than the window", "\(modelCase("inputs-2400"))", 1, "parameters: expected 76865 values, found"),
        .init("model: first layer and window disagree", "\(modelCase("inputs-mismatch"))", 1, "the first layer takes 15 inputs but the window gives 23"),
        .init("model: parameters cut short", "\(modelCase("params-short"))", 1, "parameters: expected"),
        .init("model: no layers", "\(modelCase("layers-empty"))", 1, "no layers"),
        .init("model: layer with no outputs", "\(modelCase("outputs-0"))", 1, "a layer needs at least one input and one output"),
        .init("model: dropout 2", "\(modelCase("dropout-2"))", 1, "dropout in [0, 1)"),
        .init("model: weights 3e38", "\(modelCase("weights-3e38"))", 1, "a weight is not finite or beyond"),
        .init("model: NaN weight", "\(modelCase("weights-nan"))", 1, "not a swift-forecasting model"),
        .init("model: scaler scale 0", "\(modelCase("scale-0"))", 1, "a scaler needs a finite centre and a positive, finite scale"),
        .init("model: scaler scale negative", "\(modelCase("scale-negative"))", 1, "a scaler needs a finite centre and a positive, finite scale"),
        .init("model: negative shift", "\(modelCase("shift-negative"))", 1, "a transform's shift must be finite and 0 or more"),
        .init("model: differencing order 5", "\(modelCase("difference-5"))", 1, "difference"),
        .init("model: horizon 0", "\(modelCase("horizon-0"))", 1, "the horizon must be between 1 and 100000, got 0"),
        .init("model: network horizon 10^12", "\(modelCase("network-horizon-huge"))", 1, "the horizon must be between 1 and 100000"),
        .init("model: window horizon 0", "\(modelCase("window-horizon-0"))", 1, "the horizon must be at least 1"),
        .init("model: ensemble 10^9", "\(modelCase("ensemble-huge"))", 1, "the ensemble takes between 1 and 1000"),
        .init("model: season 0", "\(modelCase("season-0"))", 1, "the seasonal period must be between 1 and 100000, got 0"),
        .init("model: field missing", "\(modelCase("no-settings"))", 1, "the field 'settings' is missing"),
        .init("model: field of the wrong type", "\(modelCase("horizon-text"))", 1, "the field 'horizon' has the wrong type"),
        .init("model: unknown method", "\(modelCase("method-magic"))", 1, "settings.method"),
        .init("model: pooled calibration negative", "predict $D/long.csv --id-column id --horizon 3 --interval 80 --model $D/model-calibration-negative.json", 1, "the pooled calibration holds an error that is negative"),
        .init("model: another frequency", "predict $D/yearly.csv --horizon 3 --model $D/model.json", 1, "the model was trained on monthly data, this series is yearly"),
        .init("model: over 256 MB", "\(modelCase("sparse-huge"))", 1, "bytes is larger than any model this program writes"),
    ]

    static func modelCase(_ name: String) -> String { "predict $OK --horizon 3 --model $D/model-\(name).json" }

    static let all = flags + files + models
}

@Suite struct HostileInputTests {
    @Test("The corpus holds at least 100 cases with distinct names")
    func corpusSize() {
        #expect(HostileCorpus.all.count >= 100)
        #expect(Set(HostileCorpus.all.map(\.name)).count == HostileCorpus.all.count)
    }

    @Test("Each hostile input gives its exit code and message, one line, no trace", arguments: HostileCorpus.all)
    func hostile(_ c: HostileCase) throws {
        let directory = try corpusDirectory.get()
        let arguments = c.arguments.map {
            $0.replacingOccurrences(of: "$OK", with: directory + "/ok.csv").replacingOccurrences(of: "$D/", with: directory + "/")
        }
        let r = try forecast(arguments)
        #expect(r.status == c.status, "\(c.name): \(r.stderr)")
        #expect(!r.stderr.contains("Backtrac") && !r.stderr.contains("Fatal error"), "\(c.name): \(r.stderr)")
        if c.status == 0 {
            #expect(!r.stdout.isEmpty, "\(c.name)")
            #expect(c.fragment.isEmpty ? r.stderr.isEmpty : r.stderr.contains(c.fragment), "\(c.name): \(r.stderr)")
        } else {
            #expect(r.stdout.isEmpty, "\(c.name): \(r.stdout.prefix(200))")
            #expect(r.stderr.contains(c.fragment), "\(c.name): \(r.stderr.prefix(400))")
            if c.status == 1 { #expect(r.stderr.split(separator: "\n").count == 1, "\(c.name): \(r.stderr.prefix(400))") }
            #expect(r.stderr.utf8.count < 1000, "\(c.name): an error line of \(r.stderr.utf8.count) bytes")
        }
    }

    @Test("In a long file one short id fails the run, named, while the others still forecast")
    func shortIdInLongFile() throws {
        let directory = try corpusDirectory.get()
        let r = try forecast("predict", directory + "/long-short-id.csv", "--id-column", "id", "--horizon", "2",
                             "--method", "drift", "--format", "csv")
        #expect(r.status == 1)
        #expect(r.stdout == "id,date,forecast\na,2020-01-29,28\na,2020-01-30,29\n")
        #expect(r.stderr == """
            forecast: error: series 'b' has 1 values; this forecaster needs at least 2
            forecast: error: 1 series too short to forecast (--skip-short leaves them out)

            """)
    }

    @Test("Standard input and a FIFO are read once, like a file")
    func pipes() throws {
        let directory = try corpusDirectory.get()
        let expected = try forecast("predict", directory + "/ok.csv", "--horizon", "2", "--method", "naive", "--format", "csv")
        #expect(expected.status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: forecastBinary)
        process.arguments = ["predict", "-", "--horizon", "2", "--method", "naive", "--format", "csv"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: directory + "/ok.csv")))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: readToEnd(output.fileHandleForReading), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed == expected.stdout)

        let fifo = try temporaryDirectory() + "/series.csv"
        #expect(mkfifo(fifo, 0o644) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/cp")
        writer.arguments = [directory + "/ok.csv", fifo]
        try writer.run()
        let fromFIFO = try forecast("predict", fifo, "--horizon", "2", "--method", "naive", "--format", "csv")
        writer.waitUntilExit()
        #expect(fromFIFO.status == 0, "\(fromFIFO.stderr)")
        #expect(fromFIFO.stdout == expected.stdout)
    }

    @Test("A backtest of a long file lists a short id and still reports the others")
    func shortIdInBacktest() throws {
        let directory = try corpusDirectory.get()
        let r = try forecast("backtest", directory + "/long-short-id.csv", "--id-column", "id", "--horizon", "3",
                             "--method", "naive", "--baselines", "none", "--format", "csv")
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("id,method,") && r.stdout.contains("\na,naive,"))
        #expect(r.stderr.hasSuffix("forecast: error: 1 series too short to backtest (--skip-short leaves them out)\n"))
    }

    @Test("A failed plot leaves an earlier --output file as it was, and no temporary file")
    func failedRunChangesNothing() throws {
        let directory = try corpusDirectory.get()
        let scratch = try temporaryDirectory()
        let output = scratch + "/o.csv"
        try "old\n".write(toFile: output, atomically: true, encoding: .utf8)
        let r = try forecast("predict", directory + "/ok.csv", "--horizon", "3", "--method", "naive",
                             "--output", output, "--plot", scratch + "/missing/p.svg")
        #expect(r.status == 1)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).sorted() == ["o.csv"])
    }

    @Test("--output onto a FIFO writes into it and leaves it a FIFO")
    func outputOntoFIFO() throws {
        let directory = try corpusDirectory.get()
        let scratch = try temporaryDirectory()
        let fifo = scratch + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        // A reader must hold the FIFO open for the writer's open to return.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let r = try forecast("predict", directory + "/ok.csv", "--horizon", "2", "--method", "naive", "--format", "csv",
                             "--output", fifo)
        let received = String(decoding: readToEnd(out.fileHandleForReading), as: UTF8.self)
        reader.waitUntilExit()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(received == r.stdout)
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("A write error on stdout is an error, not exit 0")
    func fullDisk() throws {
        let directory = try corpusDirectory.get()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: forecastBinary)
        process.arguments = ["predict", directory + "/ok.csv", "--horizon", "3", "--method", "naive", "--format", "csv"]
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        process.standardOutput = full
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: readToEnd(err.fileHandleForReading), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message == "forecast: error: cannot write to standard output: No space left on device\n")
    }
}

/// The corpus' files, built once per test run.
let corpusDirectory: Result<String, CorpusError> = Result { try buildCorpus() }.mapError { CorpusError(reason: "\($0)") }

struct CorpusError: Error, CustomStringConvertible {
    var reason: String
    var description: String { "the hostile corpus could not be built: \(reason)" }
}

private func buildCorpus() throws -> String {
    let d = try temporaryDirectory()
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: d + "/" + name, atomically: false, encoding: .utf8)
    }
    func writeBytes(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: d + "/" + name))
    }
    let days = (1...28).map { String(format: "2020-01-%02d", $0) }
    let rows = ["date,value"] + days.enumerated().map { "\($1),\($0 + 1)" }
    func replacingRow(_ k: Int, with row: String) -> String {
        var copy = rows
        copy[k] = row
        return copy.joined(separator: "\n") + "\n"
    }
    let months = (0..<48).map { String(format: "%04d-%02d", 2000 + $0 / 12, $0 % 12 + 1) }
    try write("ok.csv", "date,value\n" + months.enumerated().map { "\($1),\(100 + $0 + 10 * ($0 % 12 == 6 ? 1 : 0))\n" }.joined())
    try write("yearly.csv", "date,value\n" + (1990...2020).map { "\($0),\($0 - 1900)\n" }.joined())
    try write("empty.csv", "")
    try write("header-only.csv", "date,value\n")
    try write("one-row.csv", "date,value\n2020-01-01,1\n")
    try write("no-numeric.csv", "date,name\n2020-01-01,a\n2020-01-02,b\n2020-01-03,c\n")
    try write("nan.csv", replacingRow(5, with: "2020-01-05,nan"))
    try write("inf.csv", replacingRow(5, with: "2020-01-05,inf"))
    try write("overflow.csv", replacingRow(5, with: "2020-01-05,1e999"))
    try write("missing.csv", replacingRow(5, with: "2020-01-05,"))
    try write("text-value.csv", replacingRow(5, with: "2020-01-05,abc"))
    try write("text-value-cr.csv", replacingRow(5, with: "2020-01-05,abc").replacingOccurrences(of: "\n", with: "\r"))
    try write("text-value-blank.csv", replacingRow(5, with: "   \n2020-01-05,abc"))
    try write("text-value-crlf.csv", replacingRow(5, with: "2020-01-05,abc").replacingOccurrences(of: "\n", with: "\r\n"))
    try write("unterminated.csv", replacingRow(5, with: "2020-01-05,\"12"))
    try write("bad-quote.csv", replacingRow(5, with: "2020-01-05,1\"2"))
    try write("ragged.csv", replacingRow(5, with: "2020-01-05,5,7"))
    try write("short-row.csv", replacingRow(5, with: "2020-01-05"))
    try write("dup-header.csv", "date,value,value\n" + rows.dropFirst().map { $0 + ",1\n" }.joined())
    try write("first-date-offset.csv", replacingRow(1, with: "2020-01-01T00:00:00+01:00,1"))
    try write("feb30.csv", "date,value\n2023-02-30,1\n" + (1...28).map { String(format: "2023-03-%02d,%d\n", $0, $0) }.joined())
    try write("month00.csv", "date,value\n2020-00,1\n" + (0..<24).map { String(format: "%04d-%02d,%d\n", 2020 + $0 / 12, $0 % 12 + 1, $0) }.joined())
    try write("bigindex.csv", "t,value\n1234567890123456789,1\n" + (2..<30).map { "\($0),\($0)\n" }.joined())
    try write("mid-date-bad.csv", replacingRow(10, with: "2020-13-45,10"))
    var duplicated = rows
    duplicated.insert(rows[9], at: 10)
    try write("dup-date.csv", duplicated.joined(separator: "\n") + "\n")
    try write("backwards.csv", ([rows[0]] + rows.dropFirst().reversed()).joined(separator: "\n") + "\n")
    var gap = rows
    gap.remove(at: 11)
    try write("gap.csv", gap.joined(separator: "\n") + "\n")
    try write("irregular.csv", "date,value\n2020-01-01 00:00,1\n2020-01-01 01:00,2\n2020-01-01 02:00,3\n2020-01-01 03:30,4\n2020-01-01 04:00,5\n")
    try write("bigfield.csv", "date,value\n2020-01-01," + String(repeating: "9", count: 1_000_000) + "\n2020-01-02,1\n2020-01-03,2\n")
    let columns = 200_000
    try write("wide-header.csv", (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        + Array(repeating: "1", count: columns).joined(separator: ",") + "\n")
    // A first record of 65 MB without a line break.
    try Data(repeating: UInt8(ascii: "x"), count: 65 << 20).write(to: URL(fileURLWithPath: d + "/endless.csv"))
    try writeBytes("binary.csv", Array("date,value\n".utf8) + [0x32, 0x30, 0x00, 0xFF, 0x0A, 0x31, 0x0A])
    try write("all-missing.csv", "date,value\n2020-01-01,\n2020-01-02,\n2020-01-03,\n")
    // Daily id `a` and weekly id `b`, both dated YYYY-MM-DD from 2020-01-01.
    var mixed = "id,date,value\n"
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.timeZone = TimeZone(identifier: "UTC")
    for (id, step) in [("a", 1), ("b", 7)] {
        for k in 0..<30 {
            let date = Date(timeIntervalSince1970: 1_577_836_800 + Double(k * step) * 86_400)
            mixed += "\(id),\(formatter.string(from: date)),\(k + 1)\n"
        }
    }
    try write("mixed-frequency.csv", mixed)
    try write("five.csv", "date,value\n2020-01,1\n2020-02,2\n2020-03,3\n2020-04,4\n2020-05,5\n")
    try write("zeros.csv", "date,value\n" + days.map { "\($0),0\n" }.joined())
    try write("huge.csv", "date,value\n" + days.map { "\($0),1e300\n" }.joined())
    try write("long-short-id.csv", "id,date,value\n" + days.enumerated().map { "a,\($1),\($0)\n" }.joined() + "b,2020-01-01,5\n")
    try write("long.csv", "id,date,value\n" + ["a", "b", "c"].flatMap { id in
        months.enumerated().map { "\(id),\($1),\(Double($0 + 10) * (id == "b" ? 10 : 1))\n" }
    }.joined())

    // Models: train once, then break one thing per file.
    let model = d + "/model.json"
    let trained = try forecast("train", d + "/ok.csv", "--horizon", "3", "--training-steps", "3", "--ensemble", "2",
                               "--method", "neural", "--output", model)
    guard trained.status == 0 else { throw CorpusError(reason: trained.stderr) }
    let pooled = d + "/pooled.json"
    let trainedPooled = try forecast("train", d + "/long.csv", "--id-column", "id", "--horizon", "3", "--training-steps", "3",
                                     "--window", "1h", "--loss", "mape", "--ensemble", "1", "--method", "neural", "--output", pooled)
    guard trainedPooled.status == 0 else { throw CorpusError(reason: trainedPooled.stderr) }
    let text = try String(contentsOfFile: model, encoding: .utf8)
    try write("model-empty.json", "")
    try write("model-not-json.json", "hello")
    try write("model-truncated.json", String(text.prefix(text.count / 2)))
    let network = ["entries", "0", "forecaster", "neural", "_0"]
    let fitted = network + ["model"]
    let member = fitted + ["members", "0"]
    let mutations: [(String, [String], (Any?) -> Any?)] = [
        ("version-99", ["formatVersion"], { _ in 99 }),
        ("version-1", ["formatVersion"], { _ in 1 }),
        ("members-empty", fitted + ["members"], { _ in [Any]() }),
        ("lags-empty", member + ["window", "lags"], { _ in [Int]() }),
        ("lags-zero", member + ["window", "lags"], { _ in [0, 1] }),
        ("lags-twice", member + ["window", "lags"], { _ in [1, 1, 2] }),
        ("transforms-empty", fitted + ["transforms"], { _ in [Any]() }),
        ("labels-empty", fitted + ["seriesLabels"], { _ in [String]() }),
        ("epochs-empty", fitted + ["bestEpochs"], { _ in [Int]() }),
        ("inputs-2400", member + ["layers", "0", "inputs"], { _ in 2400 }),
        ("inputs-mismatch", member + ["window", "lags"], { _ in Array(1...23) }),
        ("params-short", member + ["parameters"], { ($0 as? [Any]).map { Array($0.prefix(10)) } }),
        ("layers-empty", member + ["layers"], { _ in [Any]() }),
        ("outputs-0", member + ["layers", "1", "outputs"], { _ in 0 }),
        ("dropout-2", member + ["layers", "0", "dropout"], { _ in 2 }),
        ("weights-3e38", member + ["parameters"], { ($0 as? [Any]).map { $0.map { _ in 3e38 } } }),
        ("weights-nan", member + ["parameters", "0"], { _ in "NAN-MARK" }),
        ("scale-0", fitted + ["transforms", "0", "scaler", "scale"], { _ in 0 }),
        ("scale-negative", fitted + ["transforms", "0", "scaler", "scale"], { _ in -1 }),
        ("shift-negative", fitted + ["transforms", "0", "shift"], { _ in -5 }),
        ("difference-5", fitted + ["transforms", "0", "spec", "difference"], { _ in 5 }),
        ("horizon-0", ["horizon"], { _ in 0 }),
        ("network-horizon-huge", network + ["horizon"], { _ in 1_000_000_000_000 }),
        ("window-horizon-0", member + ["window", "horizon"], { _ in 0 }),
        ("ensemble-huge", ["settings", "neural", "ensemble"], { _ in 1_000_000_000 }),
        ("season-0", ["settings", "seasonalPeriod"], { _ in 0 }),
        ("no-settings", ["settings"], { _ in nil }),
        ("horizon-text", ["horizon"], { _ in "three" }),
        ("method-magic", ["settings", "method"], { _ in "magic" }),
    ]
    let base = try JSONSerialization.jsonObject(with: Data(text.utf8))
    for (name, path, change) in mutations {
        let changed = setting(base, path[...], change)
        var json = String(decoding: try JSONSerialization.data(withJSONObject: changed), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"NAN-MARK\"", with: "NaN")
        try write("model-\(name).json", json)
    }
    let pooledBase = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: pooled)))
    let negative = setting(pooledBase, ["pooledCalibration", "relativeErrors", "0", "0"][...]) { _ in -1 }
    try write("model-calibration-negative.json", String(decoding: try JSONSerialization.data(withJSONObject: negative), as: UTF8.self))
    let huge = d + "/model-sparse-huge.json"
    _ = FileManager.default.createFile(atPath: huge, contents: Data("{".utf8))
    let hugeHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
    try hugeHandle.truncate(atOffset: 300 << 20)
    try hugeHandle.close()
    return d
}

/// `object` with the value at `path` replaced by `change(old)` (removed when nil).
private func setting(_ object: Any, _ path: ArraySlice<String>, _ change: (Any?) -> Any?) -> Any {
    guard let key = path.first else { return change(object) ?? NSNull() }
    if var array = object as? [Any], let index = Int(key), array.indices.contains(index) {
        array[index] = setting(array[index], path.dropFirst(), change)
        return array
    }
    if var dictionary = object as? [String: Any] {
        if path.count == 1 {
            dictionary[key] = change(dictionary[key])
        } else if let inner = dictionary[key] {
            dictionary[key] = setting(inner, path.dropFirst(), change)
        }
        return dictionary
    }
    return object
}
