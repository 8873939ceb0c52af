internal import CXlsxWriter

/// The version of the linked libxlsxwriter, e.g. `"1.1.4"`.
public func libxlsxwriterVersion() -> String {
    String(cString: lxw_version())
}

/// Excel's hard limits, enforced by the wrapper before anything reaches libxlsxwriter.
///
/// Lengths are in UTF-16 code units because that is how Excel counts; libxlsxwriter 1.1.4 counts
/// code points and so accepts text that Excel later refuses.
public enum XlsxLimits {
    /// Rows per worksheet; valid row indexes are `0..<maxRows`.
    public static let maxRows = 1_048_576
    /// Columns per worksheet; valid column indexes are `0..<maxColumns`.
    public static let maxColumns = 16_384
    /// Longest cell text, in UTF-16 code units.
    public static let maxCellUTF16 = 32_767
    /// Longest worksheet name, in UTF-16 code units.
    public static let maxSheetNameUTF16 = 31
    /// Longest hyperlink target, in UTF-8 bytes (libxlsxwriter 1.1.4 rejects longer URLs with error 24;
    /// verified: 2,079 accepted, 2,080 rejected).
    public static let maxURLLength = 2_079
    /// Hyperlinks per worksheet (`LXW_MAX_NUMBER_URLS`); more fail with error 25.
    public static let maxURLsPerSheet = 65_530
    /// Longest page header or footer text, in characters (`LXW_HEADER_FOOTER_MAX`).
    public static let maxHeaderFooterLength = 255
    /// Characters Excel forbids in worksheet names.
    public static let forbiddenSheetNameCharacters = "[]:*?/\\"
    /// Widest column, in Excel character units.
    public static let maxColumnWidth = 255.0
    /// Tallest row, in points.
    public static let maxRowHeight = 409.0
}
