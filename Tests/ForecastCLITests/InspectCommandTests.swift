import Foundation
import Testing

@Suite struct InspectCommandTests {
    @Test("inspect --format json prints exactly one object with the series' figures")
    func json() throws {
        let result = try forecast("inspect", "datasets/air_passengers.csv", "--format", "json")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let series = try #require((object?["series"] as? [[String: Any]])?.first)
        #expect(series["id"] is NSNull)
        #expect(series["name"] as? String == "value")
        #expect(series["rows"] as? Int == 144)
        #expect(series["start"] as? String == "1949-01")
        #expect(series["end"] as? String == "1960-12")
        #expect(series["frequency"] as? String == "monthly")
        #expect(series["season"] as? Int == 12)
        #expect(series["missing"] as? Int == 0)
        #expect(series["gaps"] as? Int == 0)
        #expect(series["min"] as? Double == 104)
        #expect(series["max"] as? Double == 622)
        // pandas: mean 280.298611..., std (ddof=1) 119.966317...
        #expect(abs((series["mean"] as? Double ?? 0) - 280.2986111) < 1e-6)
        #expect(abs((series["std"] as? Double ?? 0) - 119.9663169) < 1e-6)
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test("inspect counts the messy file's missing values instead of refusing them")
    func messy() throws {
        let result = try forecast("inspect", "datasets/air_passengers_messy.csv", "--format", "csv")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "id,name,rows,start,end,frequency,season,missing,gaps,min,mean,max,std")
        #expect(lines.dropFirst().first?.hasPrefix(",value,144,1949-01,1960-12,monthly,12,3,0,104,") == true)
    }

    @Test("inspect prints a table per series of a long-format file")
    func longFormat() throws {
        let directory = NSTemporaryDirectory() + "cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/long.csv"
        try "shop;day;sales\nb;2020-01-01;1\nb;2020-01-02;3\na;2020-01-01;2\na;2020-01-02;3\na;2020-01-04;4\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try forecast("inspect", path, "--id-column", "shop")
        #expect(result.status == 0)
        let all = result.stdout.split(separator: "\n").map(String.init)
        // What was recognised comes first, as comments.
        #expect(all.prefix(4) == ["# delimiter: semicolon", "# header: first line",
                                  "# long format: series by 'shop', values in 'sales'", "# dates: column 'day', YYYY-MM-DD"])
        let lines = all.filter { !$0.hasPrefix("#") }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("id  name"))
        #expect(lines[1].hasPrefix("b   sales"))
        #expect(lines[2].hasPrefix("a   sales"))
        #expect(lines[2].contains("daily"))
        // a has a missing day between 01-02 and 01-04: one gap.
        let json = try forecast("inspect", path, "--id-column", "shop", "--format", "json")
        #expect(json.stdout.contains(#"{"id":"a","name":"sales","rows":3,"start":"2020-01-01","end":"2020-01-04","frequency":"daily","season":7,"missing":0,"gaps":1,"min":2,"mean":3,"max":4,"std":1}"#))
    }

    @Test("Bad data exits 1 with one line naming the place", arguments: [
        (["inspect", "no/such.csv"], "no/such.csv: no such file"),
        (["inspect", "datasets"], "datasets: is a directory"),
        (["inspect", "datasets/air_passengers_messy.csv", "--missing", "error"],
         "datasets/air_passengers_messy.csv:30:2: missing value in column 'value'"),
        (["inspect", "datasets/air_passengers.csv", "--column", "nope"],
         "datasets/air_passengers.csv: no column 'nope'"),
    ])
    func dataErrors(arguments: [String], message: String) throws {
        let result = try forecast(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("forecast: error: " + message))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("Bad usage exits 64", arguments: [
        ["inspect"], ["inspect", "datasets/air_passengers.csv", "--delimiter", "::"],
        ["inspect", "datasets/air_passengers.csv", "--missing", "guess"],
        ["inspect", "datasets/air_passengers.csv", "--format", "xml"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try forecast(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }
}
