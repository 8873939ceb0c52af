import InventoryDiff
import InventoryModel
import SnapshotStore

/// Terminal-style display width: East-Asian wide and full-width characters count double, so
/// Japanese application names get wide enough columns.
public enum DisplayWidth {
    /// Columns `text` takes on a terminal: wide characters two, combining marks and zero-width
    /// characters none, the rest one.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += columns(scalar.value)
        }
        return width
    }

    /// The longest prefix of `text` (whole characters) that fits in `width` columns.
    public static func prefix(_ text: String, width: Int) -> String {
        var used = 0
        var end = text.startIndex
        for character in text {
            let columns = of(String(character))
            if used + columns > width { break }
            used += columns
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    static func columns(_ v: UInt32) -> Int {
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v)
            || (0x3099...0x309A).contains(v)
        {
            return 0
        }
        return isWide(v) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
