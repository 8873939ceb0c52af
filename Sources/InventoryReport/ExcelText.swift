import InventoryDiff
import InventoryModel
import SnapshotStore
import XlsxWriter

/// Makes any stored value safe for an Excel cell without losing sight of what was changed:
/// NUL, U+FFFE and U+FFFF become U+FFFD (XML forbids them and C strings stop at NUL); CR LF and
/// lone CR become LF; text over Excel's 32,767 UTF-16 units is cut on a character boundary with a
/// visible marker giving the full length. The store always keeps the original.
public struct ExcelText: Sendable {
    /// What was done to cells, for the About sheet.
    public struct Stats: Sendable, Hashable {
        public var replacedCharacters = 0
        public var cellsWithReplacements = 0
        public var truncatedCells = 0
        public init() {}
    }

    public var stats = Stats()
    /// The cut limit (Excel's, or smaller in tests).
    public let limit: Int

    public init(limit: Int = XlsxLimits.maxCellUTF16) { self.limit = limit }

    /// The text to write for `value`.
    public mutating func cell(_ value: String) -> String {
        // Fast path, one pass over the bytes: nothing to replace and short enough (UTF-16 units
        // never exceed UTF-8 bytes).
        var needsWork = false
        var previous2: UInt8 = 0
        var previous1: UInt8 = 0
        for byte in value.utf8 {
            if byte == 0 || byte == 0x0D || (previous2 == 0xEF && previous1 == 0xBF && (byte == 0xBE || byte == 0xBF)) {
                needsWork = true
                break
            }
            previous2 = previous1
            previous1 = byte
        }
        if !needsWork, value.utf8.count <= limit - 7 * 8 { return value }
        var text = value
        if needsWork {
            var scalars = String.UnicodeScalarView()
            var replaced = 0
            var previousCR = false
            for scalar in text.unicodeScalars {
                if scalar == "\n", previousCR {
                    previousCR = false
                    continue
                }
                previousCR = scalar == "\r"
                switch scalar.value {
                case 0, 0xFFFE, 0xFFFF:
                    scalars.append("\u{FFFD}")
                    replaced += 1
                case 0x0D:
                    scalars.append("\n")
                default:
                    scalars.append(scalar)
                }
            }
            text = String(scalars)
            if replaced > 0 {
                stats.replacedCharacters += replaced
                stats.cellsWithReplacements += 1
            }
        }
        guard text.utf16.count > limit || (text.utf16.count > limit - 7 * 8 && escapedCellTextLength(text) > limit) else {
            return text
        }
        stats.truncatedCells += 1
        let marker = "…[truncated, \(value.utf16.count) chars total]"
        var budget = limit - marker.utf16.count
        while true {
            let prefix = Self.prefix(text, utf16Units: budget)
            let candidate = prefix + marker
            let overflow = escapedCellTextLength(candidate) - limit
            if overflow <= 0 { return candidate }
            budget -= overflow
        }
    }

    /// The longest prefix within `utf16Units` that ends on a scalar boundary (never splits a
    /// surrogate pair). Cells use scalars; sheet names, which must read well, use `namePrefix`.
    static func prefix(_ text: String, utf16Units: Int) -> String {
        guard utf16Units > 0 else { return "" }
        guard text.utf16.count > utf16Units else { return text }
        var index = text.utf16.index(text.utf16.startIndex, offsetBy: utf16Units)
        while index > text.startIndex, index.samePosition(in: text.unicodeScalars) == nil {
            index = text.utf16.index(before: index)
        }
        return String(text.unicodeScalars[..<index])
    }

    /// The longest prefix of whole characters (graphemes) within `utf16Units`.
    static func namePrefix(_ text: String, utf16Units: Int) -> String {
        guard utf16Units > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        for character in text {
            let size = character.utf16.count
            if used + size > utf16Units { break }
            used += size
            end = text.index(after: end)
        }
        return String(text[..<end])
    }
}
