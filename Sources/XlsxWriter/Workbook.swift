internal import CXlsxWriter
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Document metadata written to `docProps/core.xml` and `docProps/app.xml`.
///
/// Strings may not contain NUL, U+FFFE, U+FFFF or control characters other than TAB, LF and CR
/// (libxlsxwriter writes them raw into XML); such values make ``Workbook/init(path:options:)`` throw.
public struct DocumentProperties: Sendable, Hashable {
    /// Document title.
    public var title: String?
    /// Document subject.
    public var subject: String?
    /// Document author.
    public var author: String?
    /// Company name.
    public var company: String?
    /// Free-text comments.
    public var comments: String?
    /// Creation time, whole seconds, UTC. Set it (e.g. to the data's capture time) to make output
    /// byte-identical across runs; `nil` means "now". 1970-01-01T00:00:00Z cannot be expressed
    /// because libxlsxwriter reads 0 as "now", so it is rejected.
    public var created: Date?

    /// Creates properties; every field defaults to unset.
    public init(
        title: String? = nil,
        subject: String? = nil,
        author: String? = nil,
        company: String? = nil,
        comments: String? = nil,
        created: Date? = nil
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.comments = comments
        self.created = created
    }

    var isEmpty: Bool {
        title == nil && subject == nil && author == nil && company == nil && comments == nil && created == nil
    }
}

/// How a workbook is written.
public struct WorkbookOptions: Sendable {
    /// Stream rows to a temporary file instead of keeping them in memory (`constant_memory`).
    /// Rows of a worksheet must then be written in ascending order; an earlier row throws error 23.
    public var constantMemory: Bool
    /// Directory for libxlsxwriter's temporary files; `nil` uses the system default. Must exist.
    public var tmpdir: String?
    /// Allow ZIP64 extensions, needed when the uncompressed parts exceed 4 GB.
    public var useZip64: Bool
    /// Document properties.
    public var properties: DocumentProperties

    /// Creates options; the defaults suit large reports (constant memory, no ZIP64).
    public init(
        constantMemory: Bool = true,
        tmpdir: String? = nil,
        useZip64: Bool = false,
        properties: DocumentProperties = DocumentProperties()
    ) {
        self.constantMemory = constantMemory
        self.tmpdir = tmpdir
        self.useZip64 = useZip64
        self.properties = properties
    }
}

/// An `.xlsx` file being written. Owns the libxlsxwriter workbook and everything created from it.
///
/// The file is built under a temporary name beside `path` (`.<name>.tmp-<pid>-<random>`) and only
/// renamed over `path` by a successful ``close()``, so a failed or abandoned workbook never replaces
/// an existing file. Call exactly one of ``close()`` or ``discard()``; prefer
/// ``write(to:options:_:)``, which does that for you. Not `Sendable`: use it from one task.
public final class Workbook {
    /// The destination path given to ``init(path:options:)``.
    public let path: String
    /// The options the workbook was opened with.
    public let options: WorkbookOptions
    /// Names of the worksheets added so far, in order.
    public private(set) var sheetNames: [String] = []

    /// The temporary file libxlsxwriter writes and ``close()`` renames to `path`.
    private let file: AtomicFile
    /// Where libxlsxwriter writes until ``close()`` renames it to `path`.
    var temporaryPath: String { file.temporaryPath }
    /// `nil` once closed or discarded: `workbook_close` frees the workbook whatever it returns.
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var foldedSheetNames: Set<String> = []
    private var formats: [FormatSpec: UnsafeMutablePointer<lxw_format>] = [:]

    /// Opens a workbook that will be written to `path` when closed.
    ///
    /// The directory of `path` must exist and be writable (checked now, because libxlsxwriter only
    /// notices at close); `path` must not be a directory.
    /// - Parameters:
    ///   - path: the `.xlsx` file to create or replace.
    ///   - options: memory mode, temporary directory, ZIP64 and document properties.
    /// - Throws: ``XlsxError`` with code 2 for an unusable destination, 3 for an unusable `tmpdir`,
    ///   13 for invalid property text, 1 if libxlsxwriter cannot allocate the workbook.
    public init(path: String, options: WorkbookOptions = WorkbookOptions()) throws(XlsxError) {
        try Self.checkDestination(path)
        if let tmpdir = options.tmpdir {
            try Self.checkTmpdir(tmpdir)
        }
        try Self.checkProperties(options.properties)

        self.path = path
        self.options = options
        file = AtomicFile(replacing: path)

        let opened = Self.open(temporaryPath, options)
        guard let opened else {
            throw XlsxError(
                code: 1, operation: "workbook_new_opt",
                detail: "libxlsxwriter returned no workbook for \(temporaryPath)")
        }
        handle = opened
        if !options.properties.isEmpty {
            do {
                try Self.setProperties(options.properties, on: opened)
            } catch {
                discard()
                throw error
            }
        }
    }

    deinit {
        if handle != nil {
            // Committing is close()'s job; reaching here means a code path forgot close()/discard().
            assertionFailure("Workbook for \(path) was neither closed nor discarded")
            discard()
        }
    }

    /// Whether ``close()`` or ``discard()`` has run; handles fail with error 13 afterwards.
    public var isClosed: Bool { handle == nil }

    /// Writes the workbook and atomically replaces `path` with it. Call once.
    ///
    /// The temporary file is flushed to disk (`fsync`) before the rename. On failure it is removed
    /// and any previous file at `path` is left as it was. The workbook is closed either way.
    /// - Throws: ``XlsxError``: the code from `workbook_close` (e.g. 2 or 3 for I/O problems), 2 for
    ///   a failed `fsync`/`rename`, 13 if already closed.
    public func close() throws(XlsxError) {
        guard let closing = handle else {
            throw XlsxError(
                code: XlsxError.Code.parameterValidation, operation: "close",
                detail: "workbook for \(path) is already closed")
        }
        handle = nil
        let result = workbook_close(closing)
        if result != LXW_NO_ERROR {
            file.discard()
            throw XlsxError(
                code: Int(result.rawValue), operation: "close",
                detail: "writing \(temporaryPath) for \(path)")
        }
        do throws(AtomicFile.Failure) {
            try file.commit()
        } catch {
            throw XlsxError(code: XlsxError.Code.creatingXlsxFile, operation: error.operation, detail: error.detail)
        }
    }

    /// Abandons the workbook: frees it and removes the temporary file; `path` is not touched.
    /// Does nothing if already closed. Never throws, because the output is being thrown away anyway.
    public func discard() {
        guard let closing = handle else { return }
        handle = nil
        // libxlsxwriter has no documented way to free a workbook without writing it, and only
        // workbook_close releases the constant-memory temporary files; its result is irrelevant here.
        _ = workbook_close(closing)
        file.discard()
    }

    /// Creates the workbook, runs `body`, then closes it so it appears at `path` atomically.
    ///
    /// If `body` throws, the workbook is discarded, `path` is untouched, no temporary file is left,
    /// and `body`'s error is rethrown. If closing fails, the close error is thrown.
    /// - Parameters:
    ///   - path: the `.xlsx` file to create or replace.
    ///   - options: see ``WorkbookOptions``.
    ///   - body: fills the workbook; must not call ``close()`` or keep the workbook.
    /// - Returns: whatever `body` returns.
    /// - Throws: ``XlsxError`` from opening or closing, or `body`'s error.
    public static func write<Result>(
        to path: String,
        options: WorkbookOptions = WorkbookOptions(),
        _ body: (Workbook) throws -> Result
    ) throws -> Result {
        let workbook = try Workbook(path: path, options: options)
        let result: Result
        do {
            result = try body(workbook)
        } catch {
            workbook.discard()
            throw error
        }
        try workbook.close()
        return result
    }

    /// Adds a worksheet. The name must already be valid: the wrapper never renames.
    ///
    /// Valid means 1...31 UTF-16 units, none of `[]:*?/\`, no control characters, no apostrophe
    /// at either end, not "History" (reserved by Excel), and unique ignoring case (Unicode-aware,
    /// unlike libxlsxwriter, which folds only ASCII).
    /// - Parameter name: the sheet name as shown on the tab.
    /// - Returns: a handle valid until the workbook is closed.
    /// - Throws: ``XlsxError`` 13 (empty, reserved, closed), 14 (too long), 15 (bad character),
    ///   16 (apostrophe), 17 (duplicate), or libxlsxwriter's own result.
    public func addWorksheet(name: String) throws(XlsxError) -> Worksheet {
        let workbook = try requireOpen("add_worksheet '\(name)'", sheet: name)
        try Self.checkSheetName(name)
        let folded = name.lowercased()
        if foldedSheetNames.contains(folded) {
            throw XlsxError(
                code: XlsxError.Code.sheetNameAlreadyUsed, operation: "add_worksheet", sheet: name,
                detail: "another sheet has the same name ignoring case")
        }
        try check(
            name.withCString { workbook_validate_sheet_name(workbook, $0) },
            "workbook_validate_sheet_name", sheet: name)
        guard let sheet = name.withCString({ workbook_add_worksheet(workbook, $0) }) else {
            throw XlsxError(
                code: options.constantMemory ? XlsxError.Code.creatingTmpfile : 1,
                operation: "add_worksheet", sheet: name,
                detail: "libxlsxwriter returned no worksheet (out of memory, or its temporary file "
                    + "could not be created)")
        }
        foldedSheetNames.insert(folded)
        sheetNames.append(name)
        return Worksheet(workbook: self, pointer: sheet, name: name)
    }

    /// Returns the format for `spec`, creating it on first use; equal specs give equal formats.
    /// - Throws: ``XlsxError`` 13 for a colour above `0xFFFFFF`, a bad number format string, or a
    ///   closed workbook; 1 if libxlsxwriter cannot allocate it.
    public func addFormat(_ spec: FormatSpec) throws(XlsxError) -> Format {
        let workbook = try requireOpen("add_format")
        if let cached = formats[spec] {
            return Format(workbook: self, pointer: cached, spec: spec)
        }
        try spec.validate()
        guard let format = workbook_add_format(workbook) else {
            throw XlsxError(code: 1, operation: "add_format", detail: "libxlsxwriter returned no format")
        }
        spec.apply(to: format)
        formats[spec] = format
        return Format(workbook: self, pointer: format, spec: spec)
    }

    /// Adds a chart; place it with ``Worksheet/insertChart(row:column:_:xScale:yScale:)``.
    /// - Throws: ``XlsxError`` 13 if closed, 1 if libxlsxwriter returns no chart.
    public func addChart(_ type: ChartType) throws(XlsxError) -> Chart {
        let workbook = try requireOpen("add_chart")
        guard let chart = workbook_add_chart(workbook, type.libraryValue) else {
            throw XlsxError(code: 1, operation: "add_chart", detail: "libxlsxwriter returned no chart")
        }
        return Chart(workbook: self, pointer: chart, type: type)
    }

    /// The open C workbook, or an error naming the operation that came too late.
    func requireOpen(
        _ operation: @autoclosure () -> String, sheet: String? = nil
    ) throws(XlsxError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else {
            throw XlsxError(
                code: XlsxError.Code.parameterValidation, operation: operation(), sheet: sheet,
                detail: "the workbook for \(path) is already closed")
        }
        return handle
    }

    /// A cached date-time format for date cells written without one (a bare serial number is useless).
    func defaultDateFormat() throws(XlsxError) -> Format {
        try addFormat(.dateTime)
    }
}

// MARK: - Opening

extension Workbook {
    private static func open(
        _ path: String, _ options: WorkbookOptions
    ) -> UnsafeMutablePointer<lxw_workbook>? {
        // libxlsxwriter copies filename and tmpdir (lxw_strdup), so the borrowed pointers only
        // need to outlive this call.
        withOptionalCString(options.tmpdir) { tmpdir in
            var libraryOptions = lxw_workbook_options(
                constant_memory: options.constantMemory ? 1 : 0,
                tmpdir: tmpdir,
                use_zip64: options.useZip64 ? 1 : 0)
            return workbook_new_opt(path, &libraryOptions)
        }
    }

    private static func setProperties(
        _ properties: DocumentProperties, on workbook: UnsafeMutablePointer<lxw_workbook>
    ) throws(XlsxError) {
        var created: time_t = 0
        if let date = properties.created {
            created = time_t(date.timeIntervalSince1970.rounded(.down))
        }
        let result = withOptionalCString(properties.title) { title in
            withOptionalCString(properties.subject) { subject in
                withOptionalCString(properties.author) { author in
                    withOptionalCString(properties.company) { company in
                        withOptionalCString(properties.comments) { comments in
                            var library = lxw_doc_properties()
                            library.title = title
                            library.subject = subject
                            library.author = author
                            library.company = company
                            library.comments = comments
                            library.created = created
                            return workbook_set_properties(workbook, &library)
                        }
                    }
                }
            }
        }
        try check(result, "workbook_set_properties")
    }

    private static func checkProperties(_ properties: DocumentProperties) throws(XlsxError) {
        let fields: [(String, String?)] = [
            ("title", properties.title), ("subject", properties.subject), ("author", properties.author),
            ("company", properties.company), ("comments", properties.comments),
        ]
        for (field, value) in fields {
            if let value, let problem = textProblem(value, .markup) {
                throw XlsxError(
                    code: XlsxError.Code.parameterValidation, operation: "set_properties",
                    detail: "\(field) \(problem)")
            }
        }
        if let created = properties.created {
            let seconds = created.timeIntervalSince1970.rounded(.down)
            guard seconds.isFinite, seconds != 0, abs(seconds) < 253_402_300_800 else {
                throw XlsxError(
                    code: XlsxError.Code.parameterValidation, operation: "set_properties",
                    detail: "created must be a real time other than 1970-01-01T00:00:00Z (0 means 'now' "
                        + "to libxlsxwriter) and before year 10000")
            }
        }
    }

    /// Splits `path` into directory and file name and checks the directory is usable now, because
    /// libxlsxwriter only opens the output file inside `workbook_close`.
    private static func checkDestination(_ path: String) throws(XlsxError) {
        func fail(_ detail: String) -> XlsxError {
            XlsxError(code: XlsxError.Code.creatingXlsxFile, operation: "open \(path)", detail: detail)
        }
        if textProblem(path, .cell) != nil { throw fail("the path contains NUL or U+FFFE/U+FFFF") }
        let directory: String
        let fileName: String
        if let slash = path.lastIndex(of: "/") {
            let head = String(path[..<slash])
            directory = head.isEmpty ? "/" : head
            fileName = String(path[path.index(after: slash)...])
        } else {
            directory = "."
            fileName = path
        }
        if fileName.isEmpty || fileName == "." || fileName == ".." {
            throw fail("the path does not name a file")
        }
        var info = stat()
        guard stat(directory, &info) == 0 else {
            throw fail("directory \(directory) is not accessible: \(String(cString: strerror(errno)))")
        }
        guard isDirectory(info) else {
            throw fail("\(directory) is not a directory")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw fail("directory \(directory) is not writable: \(String(cString: strerror(errno)))")
        }
        if stat(path, &info) == 0, isDirectory(info) {
            throw fail("\(path) is a directory")
        }
    }

    private static func checkTmpdir(_ tmpdir: String) throws(XlsxError) {
        func fail(_ detail: String) -> XlsxError {
            XlsxError(code: XlsxError.Code.creatingTmpfile, operation: "open (tmpdir \(tmpdir))", detail: detail)
        }
        if textProblem(tmpdir, .cell) != nil { throw fail("tmpdir contains NUL or U+FFFE/U+FFFF") }
        var info = stat()
        guard stat(tmpdir, &info) == 0, isDirectory(info) else {
            throw fail("tmpdir is not an existing directory")
        }
        guard access(tmpdir, W_OK | X_OK) == 0 else {
            throw fail("tmpdir is not writable: \(String(cString: strerror(errno)))")
        }
    }
}

// MARK: - Sheet names

extension Workbook {
    static func checkSheetName(_ name: String) throws(XlsxError) {
        func fail(_ code: Int, _ detail: String) -> XlsxError {
            XlsxError(code: code, operation: "add_worksheet", sheet: name, detail: detail)
        }
        if name.isEmpty {
            throw fail(XlsxError.Code.parameterValidation, "sheet names cannot be empty")
        }
        if name.utf16.count > XlsxLimits.maxSheetNameUTF16 {
            throw fail(
                XlsxError.Code.sheetNameLengthExceeded,
                "\(name.utf16.count) UTF-16 units; at most \(XlsxLimits.maxSheetNameUTF16)")
        }
        if let problem = textProblem(name, .name) {
            throw fail(XlsxError.Code.invalidSheetNameCharacter, problem)
        }
        if let bad = name.first(where: { XlsxLimits.forbiddenSheetNameCharacters.contains($0) }) {
            throw fail(XlsxError.Code.invalidSheetNameCharacter, "contains '\(bad)'")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw fail(XlsxError.Code.sheetNameStartEndApostrophe, "starts or ends with an apostrophe")
        }
        if name.lowercased() == "history" {
            throw fail(XlsxError.Code.parameterValidation, "'History' is reserved by Excel")
        }
    }
}

/// Lends `string` as a mutable C pointer (the C structs declare `char *`; libxlsxwriter only reads
/// and copies it) for the duration of `body`, or `nil`.
func withOptionalCString<Result>(
    _ string: String?, _ body: (UnsafeMutablePointer<CChar>?) -> Result
) -> Result {
    guard let string else { return body(nil) }
    return string.withCString { body(UnsafeMutablePointer(mutating: $0)) }
}

private func isDirectory(_ info: stat) -> Bool {
    (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR)
}
