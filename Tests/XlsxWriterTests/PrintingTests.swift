import Foundation
import Testing
import XlsxInspection
import XlsxWriter

@Suite("Printing, hidden sheets and internal links")
struct PrintingTests {
    @Test(arguments: [true, false])
    func pageSetupFooterHiddenSheetAndLinksRoundTrip(constantMemory: Bool) throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("print.xlsx")
        try Workbook.write(to: path, options: WorkbookOptions(constantMemory: constantMemory)) { workbook in
            let first = try workbook.addWorksheet(name: "Nodes")
            let target = try workbook.addWorksheet(name: "Bob's data")
            let hidden = try workbook.addWorksheet(name: "Helper")
            try first.setLandscape()
            try first.setPaper(.a4)
            try target.setPaper(.letter)
            try first.fitToPages(width: 1, height: 0)
            try first.repeatRows(first: 0, last: 0)
            try first.setFooter("&L&A&CSnapshot #2 A && B&RPage &P of &N")
            try first.setMargins(left: 0.4, right: 0.4, top: 0.5, bottom: 0.6)
            try hidden.hide()
            try first.writeString(row: 0, column: 0, "Node ID")
            // A link showing a number: the link first, then the number over it, same row.
            try first.writeInternalLink(row: 1, column: 0, sheet: "Bob's data", targetRow: 11, targetColumn: 2, text: "12")
            try first.writeNumber(row: 1, column: 0, 12)
            try first.writeInternalLink(row: 2, column: 0, sheet: "Helper", targetRow: 0, targetColumn: 27, text: "go")
            try target.writeString(row: 11, column: 2, "here")
            try hidden.writeNumber(row: 0, column: 0, 1)

            expectXlsxError(XlsxError.Code.stringLengthExceeded255) { try first.setFooter(String(repeating: "x", count: 256)) }
            expectXlsxError(XlsxError.Code.parameterValidation) { try first.setHeader("bad\u{1}") }
            expectXlsxError(XlsxError.Code.indexOutOfRange) { try first.repeatRows(first: 2, last: 1) }
            expectXlsxError(XlsxError.Code.parameterValidation) { try first.setMargins(left: -1, right: 0, top: 0, bottom: 0) }
            expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try first.writeInternalLink(row: 3, column: 0, sheet: "Helper", targetRow: -1, targetColumn: 0)
            }
        }
        let book = try XlsxInspector.inspect(path)
        let nodes = try #require(book.sheets["Nodes"])
        #expect(nodes.pageSetup["orientation"] == "landscape")
        #expect(nodes.pageSetup["paperSize"] == "9")
        #expect(book.sheets["Bob's data"]?.pageSetup["paperSize"] == "1")
        #expect(nodes.fitToPage && nodes.pageSetup["fitToHeight"] == "0")
        #expect(nodes.footer == "&L&A&CSnapshot #2 A && B&RPage &P of &N")
        #expect(book.definedNames.contains { $0.name == "_xlnm.Print_Titles" && $0.localSheetId == "0" && $0.value == "Nodes!$1:$1" })
        #expect(book.sheets["Helper"]?.state == "hidden")
        #expect(nodes.links["A2"] == "'Bob''s data'!C12")
        #expect(nodes.links["A3"] == "'Helper'!AB1")
        #expect(nodes.cells["A2"]?.type == "n" && nodes.cells["A2"]?.raw == "12", "the number replaced the link text")
        #expect(nodes.cells["A3"]?.text == "go")
    }
}
