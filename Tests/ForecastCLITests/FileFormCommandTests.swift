import Foundation
import Testing

/// The file forms of issue #13 through every command: the CLI only passes the options,
/// so these check the flags and what reaches the output.
@Suite struct FileFormCommandTests {
    static func fixture(_ name: String) -> String { "Tests/Fixtures/files/" + name }

    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("A business-day series forecasts Thursday, Friday, then Monday")
    func businessDays() throws {
        let r = try forecast("predict", Self.fixture("business-days.csv"), "--horizon", "5", "--method", "seasonal-naive",
                             "--format", "csv")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Self.rows(r.stdout)
        #expect(rows.dropFirst().map { $0[1] } == ["2015-04-30", "2015-05-01", "2015-05-04", "2015-05-05", "2015-05-06"])
        // Season 5: seasonal naive repeats the last five business days (Thu 23 … Wed 29).
        #expect(rows.dropFirst().map { $0[2] } == ["2323", "1979", "1617", "2144", "2028"])
        let daily = try forecast("predict", Self.fixture("business-days.csv"), "--horizon", "2", "--method", "naive",
                                 "--frequency", "D", "--format", "csv", "--missing", "error")
        #expect(daily.status == 1 && daily.stderr.contains("missing step"), "\(daily.stderr)")
    }

    @Test("The decimal-comma file forecasts exactly as its plain twin, dated as it was written")
    func decimalComma() throws {
        let arguments = ["--horizon", "4", "--method", "theta", "--format", "csv"]
        let comma = try forecast(["predict", Self.fixture("decimal-comma.csv")] + arguments)
        let plain = try forecast(["predict", Self.fixture("decimal-comma-plain.csv")] + arguments)
        #expect(comma.status == 0 && plain.status == 0, "\(comma.stderr)\(plain.stderr)")
        #expect(Self.rows(comma.stdout).dropFirst().map { $0[2] } == Self.rows(plain.stdout).dropFirst().map { $0[2] })
        #expect(Self.rows(comma.stdout).dropFirst().map { $0[1] } == ["01.01.1987", "01.04.1987", "01.07.1987", "01.10.1987"])
        // Stated separators on a comma-separated file with quoted fields.
        let directory = try temporaryDirectory()
        try "date,value\n2020-01,\"1.234,5\"\n2020-02,\"1.300,25\"\n2020-03,\"1.400\"\n"
            .write(toFile: directory + "/q.csv", atomically: true, encoding: .utf8)
        let stated = try forecast("predict", directory + "/q.csv", "--decimal", ",", "--thousands", ".", "--horizon", "1",
                                  "--method", "naive", "--format", "csv", "--no-id")
        #expect(stated.stdout == "date,forecast\n2020-04,1400\n", "\(stated.stderr)")
        let bad = try forecast("predict", directory + "/q.csv", "--decimal", ";", "--horizon", "1")
        #expect(bad.status == 64 && bad.stderr.contains("invalid --decimal ';'"), "\(bad.stderr)")
    }

    @Test("A wide file forecasts every column with --all-columns, ids in the output; by default it warns")
    func wide() throws {
        let all = try forecast("predict", Self.fixture("wide.csv"), "--all-columns", "--horizon", "2", "--method", "naive",
                               "--format", "csv")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout == """
            id,date,forecast
            air,1961-01,432
            air,1961-02,432
            air_short,1957-05,348
            air_short,1957-06,348
            air_late,1961-01,432
            air_late,1961-02,432

            """)
        let chosen = try forecast("backtest", Self.fixture("wide.csv"), "--column", "air,air_short", "--horizon", "2",
                                  "--method", "naive", "--baselines", "none", "--test-size", "2", "--format", "csv")
        #expect(Self.rows(chosen.stdout).dropFirst().map { $0[0] } == ["air", "air_short"], "\(chosen.stderr)")
        let one = try forecast("predict", Self.fixture("wide.csv"), "--horizon", "1", "--method", "naive", "--format", "csv",
                               "--missing", "drop")
        #expect(one.status == 0)
        #expect(one.stderr.contains("warning: Tests/Fixtures/files/wide.csv: read column 'air_late' only; 2 other numeric column(s)"))
        let noId = try forecast("predict", Self.fixture("wide.csv"), "--all-columns", "--horizon", "1", "--method", "naive",
                                "--format", "csv", "--no-id")
        #expect(noId.status == 64 && noId.stderr.contains("--no-id: the file has 3 series"), "\(noId.stderr)")
        // A model trained on a wide file forecasts the same columns from it again.
        let directory = try temporaryDirectory()
        let train = try forecast("train", Self.fixture("wide.csv"), "--all-columns", "--horizon", "2", "--method", "naive",
                                 "--output", directory + "/m.json")
        #expect(train.status == 0, "\(train.stderr)")
        let again = try forecast("predict", Self.fixture("wide.csv"), "--model", directory + "/m.json", "--horizon", "2",
                                 "--format", "csv")
        #expect(again.stdout == all.stdout, "\(again.stderr)")
        let both = try forecast("predict", Self.fixture("wide.csv"), "--all-columns", "--id-column", "date", "--horizon", "1")
        #expect(both.status == 64 && both.stderr.contains("cannot be combined with --id-column"))
    }

    @Test("Dates are written back in the form read", arguments: [
        ("dates-us.csv", "04/30/2015"),
        ("dates-eu-dots.csv", "30.04.2015"),
        ("dates-eu-slash.csv", "30/04/2015"),
        ("dates-iso-offset.csv", "2015-04-30T00:00:00+00:00"),
        ("dates-iso-fraction.csv", "2015-04-30T00:00:00.000Z"),
        ("dates-iso-week.csv", "2017-W04"),
        ("nixtla.csv", "1951-01-01"),
        ("pandas-index-dates-last.csv", "1961-01"),
        ("headerless.csv", "1971"),
    ])
    func writtenBack(name: String, next: String) throws {
        let r = try forecast("predict", Self.fixture(name), "--horizon", "1", "--method", "naive", "--format", "csv")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.rows(r.stdout)[1][1] == next)
    }

    @Test("--date-format and --frequency state what detection would guess")
    func stated() throws {
        let directory = try temporaryDirectory()
        try "when,value\n2021.01.05,1\n2021.02.05,2\n2021.03.05,3\n"
            .write(toFile: directory + "/b.csv", atomically: true, encoding: .utf8)
        let r = try forecast("predict", directory + "/b.csv", "--date-format", "%Y.%m.%d", "--horizon", "2",
                             "--method", "naive", "--format", "csv", "--no-id")
        #expect(r.stdout == "date,forecast\n2021.04.05,3\n2021.05.05,3\n", "\(r.stderr)")
        let inspect = try forecast("inspect", directory + "/b.csv", "--date-format", "%Y.%m.%d")
        #expect(inspect.stdout.contains("# dates: column 'when', YYYY.MM.DD"))
        let undated = try forecast("predict", directory + "/b.csv", "--horizon", "1")
        #expect(undated.status == 1 && undated.stderr.contains(":2:1: expected a date like"), "\(undated.stderr)")
        let badFormat = try forecast("predict", directory + "/b.csv", "--date-format", "%d %q", "--horizon", "1")
        #expect(badFormat.status == 64 && badFormat.stderr.contains("invalid --date-format"))
        let badFrequency = try forecast("predict", directory + "/b.csv", "--frequency", "fortnightly", "--horizon", "1")
        #expect(badFrequency.status == 64 && badFrequency.stderr.contains("unknown frequency 'fortnightly'"))
    }
}
