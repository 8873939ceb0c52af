/// The tool's version, printed by `--version` and stored with each snapshot and workbook.
public enum InventoryVersion {
    public static let current = "0.2.0"
}
