import Testing
@testable import SeriesIO

@Suite("Layouts recognised by their headers")
struct LayoutRecognitionTests {
    @Test("Nixtla's unique_id, ds, y is long format without flags")
    func nixtla() throws {
        let text = """
            unique_id,ds,y
            a,2020-01-01,1.5
            a,2020-02-01,2.5
            a,2020-03-01,3.5
            b,2020-01-01,10
            b,2020-02-01,20
            b,2020-03-01,30

            """
        let series = try read(text)
        #expect(series.map(\.id) == ["a", "b"])
        #expect(series.map(\.name) == ["y", "y"])
        #expect(series[0].values == [1.5, 2.5, 3.5] && series[1].values == [10, 20, 30])
        #expect(series[1].dateFormat == .day && series[1].frequency == .monthly)
        #expect(series[1].position(2) == "2020-03-01")
        // Columns in another order, and one more column, change nothing.
        let reordered = try read("y,extra,ds,unique_id\n1,9,2020-01-01,a\n2,9,2020-01-02,a\n3,9,2020-01-03,a\n")
        #expect(reordered.count == 1 && reordered[0].id == "a" && reordered[0].values == [1, 2, 3])
        #expect(reordered[0].frequency == .daily)
        // A flag still wins: --id-column names another column.
        let flagged = try read(text, CSVReadOptions(idColumn: ColumnSelector("ds")))
        #expect(flagged.count == 3)
    }

    @Test("pandas' unnamed index column is skipped when another column holds dates")
    func pandasIndex() throws {
        let text = ",date,value\n0,2021-01,5\n1,2021-02,6\n2,2021-03,7\n"
        let series = try read(text)
        #expect(series.count == 1)
        #expect(series[0].name == "value" && series[0].values == [5, 6, 7])
        #expect(series[0].frequency == .monthly && series[0].position(0) == "2021-01")
        // Without a date column the integers stay the time axis, as before.
        let undated = try read(",value\n0,5\n1,6\n2,7\n")
        #expect(undated[0].values == [5, 6, 7] && undated[0].dateFormat == .index)
    }

    @Test("A first line that reads like the data below it is data, not a header")
    func headerless() throws {
        let text = "1949-01,112\n1949-02,118\n1949-03,132\n"
        let series = try read(text)
        #expect(series[0].values == [112, 118, 132] && series[0].position(0) == "1949-01")
        #expect(series[0].name == "column2")
        #expect(try read("5\n6\n7\n")[0].values == [5, 6, 7])
        // --header (detectsHeader false) takes it as the header all the same.
        let forced = try read(text, CSVReadOptions(detectsHeader: false))
        #expect(forced[0].name == "112" && forced[0].values == [118, 132])
        // Names stay a header, also beside a numeric one; and a kind that changes
        // below (a number over a date) means a header.
        #expect(try read("date,2021\n2020-01,5\n2020-02,6\n")[0].name == "2021")
        #expect(try read("2020,5\n2020-01,6\n2020-02,7\n")[0].values == [6, 7])
    }
}
