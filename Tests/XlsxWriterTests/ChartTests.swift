import Foundation
import Testing
import XlsxInspection
import XlsxWriter

@Suite("Charts")
struct ChartTests {
    @Test func pieAndColumnChartsReferenceTheirData() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("charts.xlsx")
        try Workbook.write(to: path) { workbook in
            let sheet = try workbook.addWorksheet(name: "Summary by kind")
            let rows: [(String, Double)] = [("added", 3), ("removed", 1), ("changed", 7)]
            for (index, (kind, count)) in rows.enumerated() {
                try sheet.writeString(row: index, column: 0, kind)
                try sheet.writeNumber(row: index, column: 1, count)
            }
            let categories = ChartRange(sheet: sheet, column: 0, firstRow: 0, lastRow: 2)
            let values = ChartRange(sheet: sheet, column: 1, firstRow: 0, lastRow: 2)

            let pie = try workbook.addChart(.pie)
            try pie.addSeries(name: "Changes", categories: categories, values: values)
            try pie.setTitle("Changes by kind")
            try sheet.insertChart(row: 0, column: 3, pie)

            let column = try workbook.addChart(.column)
            try column.addSeries(categories: categories, values: values)
            try column.setLegendVisible(false)
            try sheet.insertChart(row: 16, column: 3, column, xScale: 1.5, yScale: 1)

            expectXlsxError(XlsxError.Code.parameterValidation) { try sheet.insertChart(row: 30, column: 3, pie) }
            let empty = try workbook.addChart(.bar)
            expectXlsxError(XlsxError.Code.parameterValidation) { try sheet.insertChart(row: 40, column: 3, empty) }
            expectXlsxError(XlsxError.Code.parameterValidation) { try empty.setTitle("=Summary!A1") }
            expectXlsxError(XlsxError.Code.parameterValidation) { try empty.addSeries(name: "=A1", values: values) }
            expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try empty.addSeries(values: ChartRange(sheet: sheet, column: 1, firstRow: 2, lastRow: 0))
            }
            expectXlsxError(XlsxError.Code.parameterValidation) {
                try sheet.insertChart(row: 0, column: 0, column, xScale: 0)
            }
        }
        let book = try XlsxInspector.inspect(path)
        #expect(book.parts.contains("xl/charts/chart1.xml"))
        #expect(book.parts.contains("xl/charts/chart2.xml"))
        #expect(!book.parts.contains("xl/charts/chart3.xml"))
        let pie = try XlsxInspector.part(path, "xl/charts/chart1.xml")
        #expect(pie.contains("<c:pieChart>"))
        #expect(pie.contains("'Summary by kind'!$A$1:$A$3"))
        #expect(pie.contains("'Summary by kind'!$B$1:$B$3"))
        #expect(pie.contains("Changes by kind"))
        let column = try XlsxInspector.part(path, "xl/charts/chart2.xml")
        #expect(column.contains("<c:barDir val=\"col\"/>"))
        #expect(!column.contains("<c:legend>"))
    }

    @Test func rangesMustComeFromTheSameWorkbook() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let other = try Workbook(path: dir.file("other.xlsx"))
        defer { other.discard() }
        let foreignSheet = try other.addWorksheet(name: "Foreign")
        try Workbook.write(to: dir.file("a.xlsx")) { workbook in
            let sheet = try workbook.addWorksheet(name: "S")
            try sheet.writeNumber(row: 0, column: 0, 1)
            let chart = try workbook.addChart(.line)
            expectXlsxError(XlsxError.Code.parameterValidation) {
                try chart.addSeries(values: ChartRange(sheet: foreignSheet, column: 0, firstRow: 0, lastRow: 0))
            }
            let foreignChart = try other.addChart(.pie)
            expectXlsxError(XlsxError.Code.parameterValidation) {
                try sheet.insertChart(row: 1, column: 1, foreignChart)
            }
        }
    }
}
