import Foundation
import Testing
import XlsxInspection
import XlsxWriter

@Suite("Cells, names and limits")
struct WorksheetTests {
    /// Writes one workbook with `body` and returns what was read back.
    func roundTrip(
        constantMemory: Bool = true, _ body: (Workbook) throws -> Void
    ) throws -> XlsxInspector.Workbook {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("t.xlsx")
        try Workbook.write(to: path, options: WorkbookOptions(constantMemory: constantMemory), body)
        return try XlsxInspector.inspect(path)
    }

    static let formulaLookalikes = [
        "=SUM(1,2)", "=1+1", "+1", "-2", "@SUM(A1)", "{=A1*2}", "\t=leading tab", "=======new line=====",
        "=HYPERLINK(\"http://evil\",\"x\")", "-", "=",
    ]

    /// BH-24: text that looks like a formula is a string cell with the exact text and no `<f>`.
    @Test(arguments: [true, false])
    func formulaLookalikesStayText(constantMemory: Bool) throws {
        let book = try roundTrip(constantMemory: constantMemory) { workbook in
            let sheet = try workbook.addWorksheet(name: "Apps")
            for (row, value) in Self.formulaLookalikes.enumerated() {
                try sheet.writeString(row: row, column: 0, value)
            }
        }
        let sheet = try #require(book.sheets["Apps"])
        #expect(sheet.formulaCount == 0)
        for (row, value) in Self.formulaLookalikes.enumerated() {
            let cell = try #require(sheet.cells["A\(row + 1)"])
            #expect(cell.type == (constantMemory ? "inlineStr" : "s"))
            #expect(cell.text == value)
            #expect(!cell.formula)
        }
    }

    /// BH-08 / BH-10: control characters, `_xHHHH_` look-alikes and non-ASCII text come back exactly.
    @Test(arguments: [true, false])
    func awkwardTextRoundTrips(constantMemory: Bool) throws {
        let values = [
            "a\u{14}z", "l1\r\nl2", "tab\there", "esc\u{1B}[0m", "lit_x0041_end", "_x005F_", "_X0041_",
            "_x0041__x0042_", "_x12G4_",
            "Caf\u{E9} f\u{FC}r \u{41F}\u{440}\u{43E}\u{434}\u{443}\u{43A}\u{442} \u{65E5}\u{672C}",
            "\u{FFFD} already", "\u{1F680}\u{1F680}", "<tag attr=\"x\">&amp;</tag>", "  padded  ",
        ]
        let book = try roundTrip(constantMemory: constantMemory) { workbook in
            let sheet = try workbook.addWorksheet(name: "Text")
            for (row, value) in values.enumerated() { try sheet.writeString(row: row, column: 0, value) }
        }
        let sheet = try #require(book.sheets["Text"])
        for (row, value) in values.enumerated() {
            #expect(sheet.cells["A\(row + 1)"]?.text == value, "row \(row)")
        }
        #expect(sheet.cells["A5"]?.raw == "lit_x005F_x0041_end")
    }

    /// BH-08: NUL would cut the C string; U+FFFE/U+FFFF would break the XML. All are refused.
    @Test func nulAndNoncharactersAreRejected() throws {
        _ = try roundTrip { workbook in
            let sheet = try workbook.addWorksheet(name: "S")
            for bad in ["before\u{0}after", "\u{0}", "x\u{FFFE}", "x\u{FFFF}y"] {
                let error = expectXlsxError(XlsxError.Code.parameterValidation) {
                    try sheet.writeString(row: 0, column: 0, bad)
                }
                #expect(error?.sheet == "S")
                #expect(error?.operation == "write_string at row 0, column 0")
            }
            try sheet.writeString(row: 0, column: 0, "ok")
        }
    }

    /// BH-23: the limit is 32,767 UTF-16 units, not code points; over it throws instead of truncating.
    @Test func cellLengthLimitIsInUTF16Units() throws {
        let book = try roundTrip { workbook in
            let sheet = try workbook.addWorksheet(name: "Long")
            try sheet.writeString(row: 0, column: 0, String(repeating: "b", count: 32_767))
            expectXlsxError(XlsxError.Code.maxStringLengthExceeded) {
                try sheet.writeString(row: 1, column: 0, String(repeating: "c", count: 32_768))
            }
            expectXlsxError(XlsxError.Code.maxStringLengthExceeded) {
                try sheet.writeString(row: 2, column: 0, String(repeating: "a", count: 32_766) + "\u{1F680}")
            }
            try sheet.writeString(row: 3, column: 0, String(repeating: "a", count: 32_765) + "\u{1F680}")
        }
        let cells = try #require(book.sheets["Long"]?.cells)
        #expect(cells["A1"]?.text?.count == 32_767)
        #expect(cells["A2"] == nil)
        #expect(cells["A3"] == nil)
        #expect(cells["A4"]?.text?.utf16.count == 32_767)
    }

    @Test func numbersBooleansBlanksAndDates() throws {
        let date = Date(timeIntervalSince1970: 1_709_296_496.75)  // 2024-03-01T12:34:56.75Z
        let book = try roundTrip { workbook in
            let sheet = try workbook.addWorksheet(name: "Types")
            let grouped = try workbook.addFormat(.groupedInteger)
            let filled = try workbook.addFormat(FormatSpec(backgroundColor: 0xFFC7CE))
            try sheet.writeNumber(row: 0, column: 0, 42.5)
            try sheet.writeNumber(row: 0, column: 1, 1_234_567, format: grouped)
            try sheet.writeBoolean(row: 0, column: 2, true)
            try sheet.writeBlank(row: 0, column: 3, format: filled)
            try sheet.writeDateTime(row: 0, column: 4, date)
            let custom = try workbook.addFormat(FormatSpec(numberFormat: "yyyy-mm-dd"))
            try sheet.writeDateTime(row: 0, column: 5, date, format: custom)
            try sheet.writeDateTime(row: 0, column: 6, Date(timeIntervalSince1970: 0))
            for bad in [Double.nan, .infinity, -.infinity] {
                expectXlsxError(XlsxError.Code.parameterValidation) { try sheet.writeNumber(row: 1, column: 0, bad) }
            }
            expectXlsxError(XlsxError.Code.parameterValidation) {
                try sheet.writeDateTime(row: 1, column: 0, Date(timeIntervalSince1970: -3_000_000_000))
            }
        }
        let cells = try #require(book.sheets["Types"]?.cells)
        #expect(cells["A1"] == .init(type: "n", raw: "42.5", text: "42.5", formula: false, numberFormat: "builtin:0"))
        #expect(cells["B1"]?.raw == "1234567")
        #expect(cells["B1"]?.numberFormat == "#,##0")
        #expect(cells["C1"]?.type == "b")
        #expect(cells["C1"]?.raw == "1")
        #expect(cells["D1"]?.raw == nil)
        #expect(cells["D1"] != nil)
        let serial = try #require(cells["E1"]?.raw.flatMap(Double.init))
        // 45352 = 2024-03-01 in Excel's 1900 system; whole seconds, fraction dropped.
        #expect(abs(serial - (45352 + (12.0 * 3600 + 34 * 60 + 56) / 86400)) < 1e-9)
        #expect(cells["E1"]?.type == "n")
        #expect(cells["E1"]?.numberFormat == "yyyy-mm-dd hh:mm:ss")
        #expect(cells["F1"]?.numberFormat == "yyyy-mm-dd")
        #expect(cells["G1"]?.raw == "25569")
    }

    @Test func hyperlinks() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("links.xlsx")
        try Workbook.write(to: path) { workbook in
            let sheet = try workbook.addWorksheet(name: "Links")
            let link = try workbook.addFormat(.hyperlink)
            try sheet.writeURL(row: 0, column: 0, "https://example.com/a?b=c&d=e")
            try sheet.writeURL(row: 1, column: 0, "http://example.com/", text: "=not a formula", format: link)
            let longest = "https://e.com/" + String(repeating: "a", count: XlsxLimits.maxURLLength - 14)
            try sheet.writeURL(row: 2, column: 0, longest)
            expectXlsxError(XlsxError.Code.maxURLLengthExceeded) {
                try sheet.writeURL(row: 3, column: 0, longest + "a")
            }
            for bad in ["ftp://example.com", "javascript:alert(1)", "file:///etc/passwd", "example.com"] {
                expectXlsxError(XlsxError.Code.parameterValidation) { try sheet.writeURL(row: 3, column: 0, bad) }
            }
            expectXlsxError(XlsxError.Code.parameterValidation) {
                try sheet.writeURL(row: 3, column: 0, "https://x", text: "a\u{0}b")
            }
        }
        let book = try XlsxInspector.inspect(path)
        let cells = try #require(book.sheets["Links"]?.cells)
        #expect(cells["A1"]?.text == "https://example.com/a?b=c&d=e")
        #expect(cells["A2"]?.text == "=not a formula")
        #expect(cells["A2"]?.formula == false)
        #expect(cells["A4"] == nil)
        let rels = try XlsxInspector.part(path, "xl/worksheets/_rels/sheet1.xml.rels")
        #expect(rels.contains("Target=\"https://example.com/a?b=c&amp;d=e\" TargetMode=\"External\""))
    }

    /// BH-27: the last row and column are writable, one past them throws instead of trapping.
    @Test func rowAndColumnLimits() throws {
        let book = try roundTrip { workbook in
            let sheet = try workbook.addWorksheet(name: "Edge")
            try sheet.writeString(row: 0, column: XlsxLimits.maxColumns - 1, "last column")
            try sheet.writeNumber(row: XlsxLimits.maxRows - 1, column: 0, 1)
            let error = expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try sheet.writeNumber(row: XlsxLimits.maxRows, column: 0, 1)
            }
            #expect(error?.operation == "write_number at row 1048576, column 0")
            expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try sheet.writeString(row: 0, column: XlsxLimits.maxColumns, "x")
            }
            expectXlsxError(XlsxError.Code.indexOutOfRange) { try sheet.writeString(row: -1, column: 0, "x") }
            expectXlsxError(XlsxError.Code.indexOutOfRange) { try sheet.writeString(row: 0, column: -1, "x") }
            expectXlsxError(XlsxError.Code.indexOutOfRange) { try sheet.writeString(row: Int.max, column: 0, "x") }
            expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try sheet.setColumnWidth(0, XlsxLimits.maxColumns, width: 10)
            }
            expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try sheet.freezePanes(row: XlsxLimits.maxRows, column: 0)
            }
            expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try sheet.autofilter(firstRow: 2, firstColumn: 0, lastRow: 1, lastColumn: 0)
            }
        }
        let cells = try #require(book.sheets["Edge"]?.cells)
        #expect(cells["XFD1"]?.text == "last column")
        #expect(cells["A1048576"]?.raw == "1")
    }

    /// BH-28 procedure 1: constant memory refuses an earlier row with error 23, and says why.
    @Test func constantMemoryRejectsEarlierRows() throws {
        let book = try roundTrip { workbook in
            let sheet = try workbook.addWorksheet(name: "Order")
            try sheet.writeString(row: 1, column: 0, "row 1")
            try sheet.writeString(row: 1, column: 1, "same row is fine")
            let error = expectXlsxError(XlsxError.Code.indexOutOfRange) {
                try sheet.writeString(row: 0, column: 0, "row 0")
            }
            #expect(error?.detail?.contains("ascending") == true)
            #expect(error?.sheet == "Order")
            try sheet.writeString(row: 2, column: 0, "row 2")
        }
        let cells = try #require(book.sheets["Order"]?.cells)
        #expect(cells["A1"] == nil)
        #expect(cells["A2"]?.text == "row 1")
        #expect(cells["B2"]?.text == "same row is fine")
        #expect(cells["A3"]?.text == "row 2")
    }

    @Test func inMemoryModeAcceptsAnyRowOrder() throws {
        let book = try roundTrip(constantMemory: false) { workbook in
            let sheet = try workbook.addWorksheet(name: "Any")
            try sheet.writeString(row: 1, column: 0, "row 1")
            try sheet.writeString(row: 0, column: 0, "row 0")
        }
        #expect(book.sheets["Any"]?.cells["A1"]?.text == "row 0")
    }

    /// BH-21: names must already be valid; the wrapper rejects and never renames.
    @Test func invalidSheetNamesThrow() throws {
        _ = try roundTrip { workbook in
            let cases: [(String, Int)] = [
                ("AWS:Application", XlsxError.Code.invalidSheetNameCharacter),
                ("a/b", XlsxError.Code.invalidSheetNameCharacter),
                ("a[1]", XlsxError.Code.invalidSheetNameCharacter),
                ("what?", XlsxError.Code.invalidSheetNameCharacter),
                ("back\\slash", XlsxError.Code.invalidSheetNameCharacter),
                ("star*", XlsxError.Code.invalidSheetNameCharacter),
                ("tab\tname", XlsxError.Code.invalidSheetNameCharacter),
                ("", XlsxError.Code.parameterValidation),
                ("History", XlsxError.Code.parameterValidation),
                ("nul\u{0}", XlsxError.Code.invalidSheetNameCharacter),
                ("'quoted", XlsxError.Code.sheetNameStartEndApostrophe),
                ("Custom:'quoted'", XlsxError.Code.invalidSheetNameCharacter),
                ("quoted'", XlsxError.Code.sheetNameStartEndApostrophe),
                (String(repeating: "x", count: 32), XlsxError.Code.sheetNameLengthExceeded),
                ("Custom_" + String(repeating: "\u{1F680}", count: 13), XlsxError.Code.sheetNameLengthExceeded),
            ]
            for (name, code) in cases {
                let error = expectXlsxError(code) { _ = try workbook.addWorksheet(name: name) }
                #expect(error?.sheet == name)
            }
            _ = try workbook.addWorksheet(name: String(repeating: "x", count: 31))
            _ = try workbook.addWorksheet(name: "Custom_" + String(repeating: "\u{1F680}", count: 12))
            #expect(workbook.sheetNames.count == 2)
        }
    }

    @Test func duplicateSheetNamesThrowIgnoringCase() throws {
        let book = try roundTrip { workbook in
            _ = try workbook.addWorksheet(name: "Apps")
            expectXlsxError(XlsxError.Code.sheetNameAlreadyUsed) { _ = try workbook.addWorksheet(name: "APPS") }
            _ = try workbook.addWorksheet(name: "Custom_Ürün")
            // libxlsxwriter folds only ASCII and would accept this; Excel would not.
            expectXlsxError(XlsxError.Code.sheetNameAlreadyUsed) { _ = try workbook.addWorksheet(name: "Custom_ÜRÜN") }
            _ = try workbook.addWorksheet(name: "Custom:Ops & Audit <prod>".replacingOccurrences(of: ":", with: "_"))
        }
        #expect(book.sheetNames == ["Apps", "Custom_Ürün", "Custom_Ops & Audit <prod>"])
    }

    @Test func layoutFreezeAutofilterWidthsAndTabs() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("layout.xlsx")
        try Workbook.write(to: path) { workbook in
            let header = try workbook.addFormat(
                FormatSpec(bold: true, backgroundColor: 0x1F4E78, textWrap: true, verticalAlignment: .top))
            let first = try workbook.addWorksheet(name: "Summary")
            let second = try workbook.addWorksheet(name: "Apps")
            try second.setColumnWidth(0, 0, width: 30)
            try second.setColumnWidth(1, 2, width: 12.5, format: header)
            try second.setRowHeight(0, height: 30)
            for column in 0..<3 { try second.writeString(row: 0, column: column, "H\(column)", format: header) }
            try second.writeString(row: 1, column: 0, "x")
            try second.freezePanes(row: 1, column: 0)
            try second.autofilter(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 2)
            try second.setTabColor(0xFF0000)
            try second.activate()
            try first.setTabColor(0)
            expectXlsxError(XlsxError.Code.parameterValidation) { try first.setTabColor(0x1000000) }
            expectXlsxError(XlsxError.Code.parameterValidation) { try second.setColumnWidth(3, 3, width: 256) }
            expectXlsxError(XlsxError.Code.parameterValidation) { try second.setRowHeight(5, height: -1) }
        }
        let book = try XlsxInspector.inspect(path)
        #expect(book.sheetNames == ["Summary", "Apps"])
        let apps = try #require(book.sheets["Apps"])
        #expect(apps.pane == .init(xSplit: "", ySplit: "1", topLeftCell: "A2", state: "frozen"))
        #expect(apps.autoFilter == "A1:C2")
        let sheetXML = try XlsxInspector.part(path, "xl/worksheets/sheet2.xml")
        #expect(sheetXML.contains("<tabColor rgb=\"FFFF0000\"/>"))
        #expect(sheetXML.contains("width=\"30.7109375\""))
        #expect(sheetXML.contains("ht=\"30\""))
        let workbookXML = try XlsxInspector.part(path, "xl/workbook.xml")
        #expect(workbookXML.contains("_xlnm._FilterDatabase"))
        #expect(workbookXML.contains("activeTab=\"1\""))
        let styles = try XlsxInspector.part(path, "xl/styles.xml")
        #expect(styles.contains("FF1F4E78"))
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("wrapText=\"1\""))
    }

    @Test func formatsAreCachedBySpecAndBoundToTheirWorkbook() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let other = try Workbook(path: dir.file("other.xlsx"))
        defer { other.discard() }
        let foreign = try other.addFormat(FormatSpec(bold: true))
        _ = try roundTrip { workbook in
            let a = try workbook.addFormat(FormatSpec(bold: true, fontColor: 0x9C0006))
            let b = try workbook.addFormat(FormatSpec(bold: true, fontColor: 0x9C0006))
            let c = try workbook.addFormat(FormatSpec(bold: true, fontColor: 0x006100))
            #expect(a == b)
            #expect(a != c)
            expectXlsxError(XlsxError.Code.parameterValidation) {
                _ = try workbook.addFormat(FormatSpec(fontColor: 0x1_000_000))
            }
            expectXlsxError(XlsxError.Code.parameterValidation) {
                _ = try workbook.addFormat(FormatSpec(numberFormat: "0\u{0}"))
            }
            let sheet = try workbook.addWorksheet(name: "S")
            expectXlsxError(XlsxError.Code.parameterValidation) {
                try sheet.writeString(row: 0, column: 0, "x", format: foreign)
            }
        }
    }
}
