import Foundation
import Testing

@Suite struct HelpCommandTests {
    /// The lines under "Examples:" in a subcommand's help.
    private func examples(_ command: String) throws -> [[String]] {
        let help = try forecast(command, "--help")
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == "Examples:" }) else { return [] }
        return lines[(start + 1)...]
            .prefix { $0.hasPrefix("  forecast ") }
            .map { $0.split(separator: " ").dropFirst().map(String.init) }
    }

    @Test("every command's help ends its discussion with examples that start with `forecast <command>`")
    func everyCommandHasExamples() throws {
        for command in ["predict", "backtest", "train", "inspect"] {
            let found = try examples(command)
            #expect(found.count >= 2, "\(command) has \(found.count) examples")
        }
    }

    @Test("choice options list their values")
    func choicesListValues() throws {
        // Help text wraps at 80 columns: compare with the whitespace collapsed.
        let help = try forecast("predict", "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in [
            "(values: linear, sigmoid, tanh, relu, leaky-relu, elu, gelu)",
            "(values: sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, adamw)",
            "neural, combined, auto, theta, ets, naive, naive2, seasonal-naive, drift or mean",
            "mse, mae, huber (δ = 1), smape, mape or mase",
            "(values: recursive, multi-output)",
        ] {
            #expect(help.contains(expected), "\(expected)")
        }
    }

    @Test("the examples on bundled datasets run as printed", arguments: ["predict", "backtest", "inspect"])
    func bundledExamplesRun(command: String) throws {
        // The cheapest example on a bundled file that writes nothing to disk; the others
        // name a user's own file (sales.csv) or write one (--plot, --output).
        let runnable = try examples(command).filter {
            $0.first == command && $0.contains { $0.hasPrefix("datasets/") }
                && !$0.contains("--plot") && !$0.contains("--output") && !$0.contains("--window")
        }
        let example = try #require(runnable.first, "\(command) has no runnable example")
        let result = try forecast(example + ["--quiet"].filter { _ in command != "inspect" })
        #expect(result.status == 0, "\(example.joined(separator: " ")): \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count > 3)
    }

    @Test("the model options' help states the defaults the configurations really have")
    func defaultsInHelp() throws {
        let help = try forecast("predict", "--help").stdout
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // Independently of the help's own code: the values DESIGN.md and README state for
        // one series (Adam at 1e-3, batches of 32, patience 20, 5 seeds) and for a pooled
        // file (256-wide layers, a 1,000-step cosine budget).
        #expect(help.contains("Learning rate. (default: 0.001)"))
        #expect(help.contains("Mini-batch size. (default: 32; pooled: 256)"))
        #expect(help.contains("Early-stopping patience, in epochs. (default: 20; pooled: no early stopping)"))
        #expect(help.contains("(default: 32; pooled: 256x256x256)"))
        #expect(help.contains("(default: constant; pooled: cosine)"))
        #expect(help.contains("(default: none; pooled: 1000)"))
        #expect(help.contains("(default: 5; pooled: 2)"))
    }
}

@Suite struct CompletionTests {
    @Test("bash completion offers files for the CSV argument and *.json for --model")
    func bash() throws {
        let script = try forecast("--generate-completion-script", "bash")
        #expect(script.status == 0)
        // The predict section: the positional file, then --model's JSON filter.
        #expect(script.stdout.contains("__forecast_add_completions -f"))
        #expect(script.stdout.contains("-fX '!*.@(json)'"))
        #expect(script.stdout.contains("-fX '!*.@(svg)'"))
    }

    @Test("fish completion offers files for every command's CSV argument")
    func fish() throws {
        let script = try forecast("--generate-completion-script", "fish").stdout
        for command in ["predict", "backtest", "train", "inspect"] {
            #expect(script.contains("__forecast_should_offer_completions_for_positional \"forecast \(command)\" -eq 1' -F"),
                    "\(command)")
        }
    }
}

@Suite struct ProgressTests {
    @Test("--progress writes the progress line to a non-terminal stderr: phase, networks, bar, elapsed time")
    func predict() throws {
        let quiet = try forecast("predict", "datasets/air_passengers.csv", "--horizon", "3", "--format", "csv")
        #expect(quiet.stderr.isEmpty)  // not a terminal, no --progress: nothing
        let r = try forecast("predict", "datasets/air_passengers.csv", "--horizon", "3", "--format", "csv", "--progress")
        #expect(r.status == 0)
        #expect(r.stdout == quiet.stdout)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        // A line per phase at least (and one every five seconds), no terminal codes.
        #expect(lines.contains { $0.hasPrefix("fitting 0/5 networks  [····················]  0:0") })
        #expect(lines.contains { $0.hasPrefix("refit ") && $0.contains("/5 networks  [") })
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}"))
        let withQuiet = try forecast("predict", "datasets/air_passengers.csv", "--horizon", "3", "--progress", "--quiet")
        #expect(withQuiet.stderr.isEmpty)
    }

    @Test("backtest --progress counts folds over every configuration")
    func backtest() throws {
        let r = try forecast("backtest", "datasets/nile_yearly.csv", "--horizon", "2", "--folds", "3", "--method", "theta",
                             "--baselines", "naive", "--progress")
        #expect(r.status == 0)
        #expect(r.stderr.split(separator: "\n").first?.hasPrefix("backtesting value: fold 0/6  [····················]  0:") == true)
    }
}
