import InventoryDiff
import InventoryModel
import SnapshotStore

/// Terminal-style display width: East-Asian wide and full-width characters count double, so
/// Japanese application names get wide enough columns.
public enum DisplayWidth {
    /// Columns `text` takes in a terminal or a fixed-width cell.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += isWide(scalar.value) ? 2 : 1
        }
        return width
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
