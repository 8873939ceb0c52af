import InventoryCore
import Logging

extension Logger {
    /// An ingest's findings: warnings and errors at warning level, notes only when verbose.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            if diagnostic.severity == .note {
                info("\(diagnostic)")
            } else {
                warning("\(diagnostic)")
            }
        }
    }
}
