import Testing
@testable import SeriesIO

@Suite struct MissingPolicyTests {
    let holes = "date,value\n2020-01,NA\n2020-02,2\n2020-03,\n2020-04,\n2020-05,8\n2020-07,12\n2020-08,\n"

    func filled(_ policy: MissingPolicy) throws -> Series {
        try read(holes, CSVReadOptions(missing: policy))[0]
    }

    @Test("interpolate fills holes and missing steps linearly; the ends take the nearest value")
    func interpolate() throws {
        let s = try filled(.interpolate)
        #expect(s.values == [2, 2, 4, 6, 8, 10, 12, 12])
        #expect(s.count == 8)
        #expect(s.position(5) == "2020-06")
        try s.checkForecastable()
    }

    @Test("ffill carries the last value forward over holes and missing steps")
    func ffill() throws {
        let s = try filled(.ffill)
        #expect(s.values == [2, 2, 2, 2, 8, 8, 12, 12])
        #expect(s.position(5) == "2020-06")
    }

    @Test("drop removes missing rows and keeps the rest as they are")
    func drop() throws {
        let s = try filled(.drop)
        #expect(s.values == [2, 8, 12])
        #expect((0..<3).map(s.position) == ["2020-02", "2020-05", "2020-07"])
    }

    @Test("error refuses the first missing value by line")
    func error() {
        #expect(readError(holes) == .missingValue(path: "t.csv", line: 2, column: 2, columnName: "value"))
    }

    @Test("A series with nothing but holes is refused by every filling policy")
    func allMissing() {
        for policy in [MissingPolicy.drop, .interpolate, .ffill] {
            #expect(readError("date,value\n2020,NA\n2021,\n", CSVReadOptions(missing: policy)) == .allMissing(series: "value"))
        }
    }

    @Test("Interpolation is linear in time across a gap of several steps")
    func linearAcrossGap() throws {
        let s = try read("date,value\n2020-01-01,0\n2020-01-02,2\n2020-01-05,8\n", CSVReadOptions(missing: .interpolate))[0]
        #expect(s.values == [0, 2, 4, 6, 8])
    }
}
