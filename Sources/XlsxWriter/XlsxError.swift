internal import CXlsxWriter

/// A failure reported by libxlsxwriter or detected by the wrapper before calling it.
///
/// `code` is always an `lxw_error` value. Checks the wrapper makes itself use the code libxlsxwriter
/// would have returned for the same problem (or the closest one), and say why in `detail`.
public struct XlsxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The `lxw_error` number, e.g. 23 for a row or column out of range (see ``Code``).
    public let code: Int
    /// What was being done, e.g. `"write_string at row 12, column 3"` or `"close"`.
    public let operation: String
    /// The worksheet involved, if any.
    public let sheet: String?
    /// libxlsxwriter's text for `code` (`lxw_strerror`).
    public let message: String
    /// The wrapper's explanation when it detected the problem itself or knows more than `message`.
    public let detail: String?

    /// Creates an error; `message` is looked up with `lxw_strerror`.
    /// - Parameters:
    ///   - code: an `lxw_error` number.
    ///   - operation: what was being done.
    ///   - sheet: the worksheet involved, if any.
    ///   - detail: an extra explanation, if any.
    public init(code: Int, operation: String, sheet: String? = nil, detail: String? = nil) {
        self.code = code
        self.operation = operation
        self.sheet = sheet
        self.detail = detail
        let raw = UInt32(clamping: max(code, 0))
        if let text = lxw_strerror(lxw_error(rawValue: raw)) {
            self.message = String(cString: text)
        } else {
            self.message = "unknown libxlsxwriter error"
        }
    }

    /// One line: operation, sheet, library message, code and detail.
    public var description: String {
        var text = "xlsx: \(operation)"
        if let sheet { text += " on sheet '\(sheet)'" }
        text += ": \(message) (lxw_error \(code))"
        if let detail { text += ": \(detail)" }
        return text
    }

    /// `lxw_error` numbers the wrapper produces or that callers may want to branch on.
    public enum Code {
        /// The output file (or the temporary file beside it) could not be created, written or renamed.
        public static let creatingXlsxFile = 2
        /// libxlsxwriter could not create one of its own temporary files (see `WorkbookOptions.tmpdir`).
        public static let creatingTmpfile = 3
        /// The wrapper refused a value: NUL or U+FFFE/U+FFFF in text, a non-finite number, a foreign
        /// handle, a non-http(s) URL, use after close.
        public static let parameterValidation = 13
        /// Sheet name longer than 31 UTF-16 units.
        public static let sheetNameLengthExceeded = 14
        /// Sheet name contains one of `[]:*?/\` (or a control character, or is empty or reserved).
        public static let invalidSheetNameCharacter = 15
        /// Sheet name starts or ends with an apostrophe.
        public static let sheetNameStartEndApostrophe = 16
        /// Sheet name already used (compared case-insensitively).
        public static let sheetNameAlreadyUsed = 17
        /// A header or footer longer than 255 characters.
        public static let stringLengthExceeded255 = 20
        /// Cell text longer than 32,767 UTF-16 units.
        public static let maxStringLengthExceeded = 21
        /// Row or column out of range, or a row written out of order in constant-memory mode.
        public static let indexOutOfRange = 23
        /// URL longer than ``XlsxLimits/maxURLLength``.
        public static let maxURLLengthExceeded = 24
        /// More than ``XlsxLimits/maxURLsPerSheet`` hyperlinks on one sheet.
        public static let maxNumberOfURLsExceeded = 25
    }
}

/// Turns a C result into a thrown ``XlsxError``; the operation text is only built on failure.
@inline(__always)
func check(
    _ result: lxw_error,
    _ operation: @autoclosure () -> String,
    sheet: String? = nil,
    detail: String? = nil
) throws(XlsxError) {
    if result != LXW_NO_ERROR {
        throw XlsxError(code: Int(result.rawValue), operation: operation(), sheet: sheet, detail: detail)
    }
}
