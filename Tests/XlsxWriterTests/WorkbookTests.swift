import Foundation
import Testing
import XlsxInspection
import XlsxWriter

/// Expects `body` to throw an ``XlsxError`` with `code` and returns it for further checks.
@discardableResult
func expectXlsxError(
    _ code: Int, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> XlsxError? {
    do {
        try body()
        Issue.record("expected XlsxError \(code), nothing thrown", sourceLocation: sourceLocation)
    } catch let error as XlsxError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected XlsxError \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

@Suite("Workbook lifecycle and files")
struct WorkbookTests {
    @Test func linksLibxlsxwriter114() {
        #expect(libxlsxwriterVersion() == "1.1.4")
    }

    @Test func writesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("report.xlsx")
        let value = try Workbook.write(to: path) { workbook in
            let sheet = try workbook.addWorksheet(name: "Data")
            try sheet.writeString(row: 0, column: 0, "hello")
            return 42
        }
        #expect(value == 42)
        #expect(try dir.contents() == ["report.xlsx"])
        let book = try XlsxInspector.inspect(path)
        #expect(book.sheets["Data"]?.cells["A1"]?.text == "hello")
    }

    @Test func failingBodyLeavesPreviousFileUntouched() throws {
        struct BodyFailed: Error, Equatable {}
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("report.xlsx")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))

        #expect(throws: BodyFailed()) {
            try Workbook.write(to: path) { workbook in
                let sheet = try workbook.addWorksheet(name: "Data")
                try sheet.writeString(row: 0, column: 0, "half done")
                throw BodyFailed()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        #expect(try dir.contents() == ["report.xlsx"])
    }

    @Test func wrapperErrorInBodyIsRethrownAndNothingIsLeft() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("report.xlsx")
        expectXlsxError(23) {
            try Workbook.write(to: path) { workbook in
                let sheet = try workbook.addWorksheet(name: "Data")
                try sheet.writeString(row: 1, column: 0, "second")
                try sheet.writeString(row: 0, column: 0, "first")
            }
        }
        #expect(try dir.contents() == [])
    }

    @Test func successfulWriteReplacesPreviousFile() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("report.xlsx")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
        try Workbook.write(to: path) { workbook in
            try workbook.addWorksheet(name: "New").writeNumber(row: 0, column: 0, 1)
        }
        #expect(try XlsxInspector.inspect(path).sheetNames == ["New"])
        #expect(try dir.contents() == ["report.xlsx"])
    }

    @Test func missingDirectoryThrowsUpFrontAndCreatesNothing() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("missing/report.xlsx")
        let error = expectXlsxError(XlsxError.Code.creatingXlsxFile) {
            _ = try Workbook(path: path)
        }
        #expect(error?.description.contains("missing") == true)
        expectXlsxError(XlsxError.Code.creatingXlsxFile) {
            try Workbook.write(to: path) { _ in _ = Issue.record("body must not run") }
        }
        #expect(try dir.contents() == [])
    }

    @Test func destinationThatIsADirectoryThrows() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.file("taken.xlsx"), withIntermediateDirectories: false)
        expectXlsxError(XlsxError.Code.creatingXlsxFile) { _ = try Workbook(path: dir.file("taken.xlsx")) }
    }

    @Test func missingTmpdirThrows() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let options = WorkbookOptions(tmpdir: dir.file("no-such-tmp"))
        expectXlsxError(XlsxError.Code.creatingTmpfile) { _ = try Workbook(path: dir.file("a.xlsx"), options: options) }
        #expect(try dir.contents() == [])
    }

    @Test func customTmpdirWorks() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.file("tmp"), withIntermediateDirectories: false)
        try Workbook.write(to: dir.file("a.xlsx"), options: WorkbookOptions(tmpdir: dir.file("tmp"))) { workbook in
            let sheet = try workbook.addWorksheet(name: "S")
            for row in 0..<100 { try sheet.writeNumber(row: row, column: 0, Double(row)) }
        }
        #expect(try XlsxInspector.inspect(dir.file("a.xlsx")).sheets["S"]?.cells["A100"]?.raw == "99")
        // libxlsxwriter's constant-memory temporary files are gone after close.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("tmp")) == [])
    }

    /// BH-28 procedure 2: the directory vanishes after opening; close reports error 2 and leaves no file.
    @Test func closeFailureThrowsAndLeavesNoFile() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let subdirectory = dir.file("out")
        try FileManager.default.createDirectory(atPath: subdirectory, withIntermediateDirectories: false)
        let workbook = try Workbook(path: "\(subdirectory)/report.xlsx")
        try workbook.addWorksheet(name: "S").writeString(row: 0, column: 0, "x")
        try FileManager.default.removeItem(atPath: subdirectory)
        let error = expectXlsxError(XlsxError.Code.creatingXlsxFile) { try workbook.close() }
        #expect(error?.operation == "close")
        #expect(workbook.isClosed)
        #expect(try dir.contents() == [])
    }

    @Test func closeIsExactlyOnceAndHandlesFailAfterwards() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let workbook = try Workbook(path: dir.file("a.xlsx"))
        let sheet = try workbook.addWorksheet(name: "S")
        let bold = try workbook.addFormat(FormatSpec(bold: true))
        let chart = try workbook.addChart(.pie)
        try workbook.close()
        #expect(workbook.isClosed)
        expectXlsxError(XlsxError.Code.parameterValidation) { try workbook.close() }
        expectXlsxError(XlsxError.Code.parameterValidation) { try sheet.writeString(row: 0, column: 0, "late") }
        expectXlsxError(XlsxError.Code.parameterValidation) {
            try sheet.writeNumber(row: 0, column: 0, 1, format: bold)
        }
        expectXlsxError(XlsxError.Code.parameterValidation) { try sheet.freezePanes(row: 1, column: 0) }
        expectXlsxError(XlsxError.Code.parameterValidation) { try sheet.activate() }
        expectXlsxError(XlsxError.Code.parameterValidation) { try chart.setTitle("late") }
        expectXlsxError(XlsxError.Code.parameterValidation) { _ = try workbook.addWorksheet(name: "T") }
        expectXlsxError(XlsxError.Code.parameterValidation) { _ = try workbook.addFormat(FormatSpec(italic: true)) }
    }

    @Test func discardRemovesTemporaryFileAndKeepsPreviousFile() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("a.xlsx")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
        let workbook = try Workbook(path: path)
        try workbook.addWorksheet(name: "S").writeString(row: 0, column: 0, "x")
        workbook.discard()
        workbook.discard()
        #expect(workbook.isClosed)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        #expect(try dir.contents() == ["a.xlsx"])
    }

    /// BH-30: a fixed creation time gives byte-identical files across runs more than a second apart.
    @Test func fixedCreationDateGivesByteIdenticalOutput() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let created = Date(timeIntervalSince1970: 1_717_243_200)  // 2024-06-01T12:00:00Z
        func build(_ name: String, created: Date?) throws -> Data {
            let options = WorkbookOptions(
                properties: DocumentProperties(title: "Inventory", author: "inventory", created: created))
            try Workbook.write(to: dir.file(name), options: options) { workbook in
                let header = try workbook.addFormat(FormatSpec(bold: true, backgroundColor: 0xDDEBF7))
                let sheet = try workbook.addWorksheet(name: "Data")
                try sheet.writeString(row: 0, column: 0, "Name", format: header)
                try sheet.writeDateTime(row: 1, column: 0, created ?? Date(timeIntervalSince1970: 1))
                try sheet.freezePanes(row: 1, column: 0)
            }
            return try Data(contentsOf: URL(fileURLWithPath: dir.file(name)))
        }
        let fixed1 = try build("fixed1.xlsx", created: created)
        let now1 = try build("now1.xlsx", created: nil)
        Thread.sleep(forTimeInterval: 1.2)
        let fixed2 = try build("fixed2.xlsx", created: created)
        let now2 = try build("now2.xlsx", created: nil)
        #expect(fixed1 == fixed2)
        #expect(now1 != now2, "sanity: without a fixed date the files differ, so the comparison means something")
        let core = try XlsxInspector.part(dir.file("fixed1.xlsx"), "docProps/core.xml")
        #expect(core.contains("2024-06-01T12:00:00Z"))
        #expect(core.contains("<dc:title>Inventory</dc:title>"))
    }

    @Test func invalidPropertiesAreRejected() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        for properties in [
            DocumentProperties(title: "a\u{0}b"), DocumentProperties(comments: "bell\u{7}"),
            DocumentProperties(author: "x\u{FFFE}"), DocumentProperties(created: Date(timeIntervalSince1970: 0)),
        ] {
            expectXlsxError(XlsxError.Code.parameterValidation) {
                _ = try Workbook(path: dir.file("a.xlsx"), options: WorkbookOptions(properties: properties))
            }
        }
        #expect(try dir.contents() == [])
    }
}
