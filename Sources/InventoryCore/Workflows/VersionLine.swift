import InventoryModel
import InventoryReport
import SnapshotStore

/// What `inventory --version` prints: the tool's version, the store schema it writes and the
/// library versions it runs with, all read at run time.
public enum VersionLine {
    /// `inventory 0.2.0 (store v1; libxlsxwriter 1.1.4; SQLite 3.40.1)`.
    public static var text: String {
        "inventory \(InventoryVersion.current) (store v\(InventoryStore.schemaVersion); "
            + "libxlsxwriter \(LinkedLibraries.libxlsxwriter); SQLite \(InventoryStore.sqliteVersion()))"
    }
}
