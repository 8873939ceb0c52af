import Foundation
import InventoryDiff
import InventoryModel
import SnapshotStore

/// RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF; CRLF line ends. Text
/// starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'` so spreadsheet programs do not
/// run it as a formula (CSV has no cell types). Control characters other than tab and LF (NUL,
/// ESC, BEL, CR…) are written as visible escapes (`TerminalText.escapedLines`), never raw.
public enum CSVWriter {
    /// One record, with its CRLF.
    public static func record(_ fields: [String], neutraliseFormulas: Bool = true) -> String {
        fields.map { field($0, neutraliseFormulas: neutraliseFormulas) }.joined(separator: ",") + "\r\n"
    }

    static func field(_ raw: String, neutraliseFormulas: Bool) -> String {
        var value = TerminalText.escapedLines(raw)
        if neutraliseFormulas, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        let needsQuotes = value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
