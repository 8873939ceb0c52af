import InventoryCore

/// The one-line human summary of an ingest, shared by `ingest` and `report`.
enum IngestSummary {
    static func line(_ result: IngestResult) -> String {
        let snapshot = result.snapshot
        let name = snapshot.label.map { "\(snapshot.id) (\($0))" } ?? "\(snapshot.id)"
        if result.status == "unchanged" {
            return "input unchanged: identical to snapshot \(name); nothing stored"
        }
        let files = result.files
        let refused = files.filter { $0.status == "refused" }.count
        let failed = files.filter { $0.status == "failed" }.count
        var line = "snapshot \(name) taken \(snapshot.takenAt ?? "at an unknown time"): \(snapshot.nodeCount) nodes, "
            + "\(snapshot.entryCount) inventory rows, \(snapshot.resourceCount) Config resources from \(files.count) files"
        if refused > 0 { line += ", \(refused) refused" }
        if failed > 0 { line += ", \(failed) failed" }
        if !snapshot.complete { line += " [INCOMPLETE]" }
        return line
    }

    /// Prints the ingest's warnings on stderr (notes only when verbose).
    static func printWarnings(_ result: IngestResult, logging: LoggingOptions) {
        guard !logging.quiet else { return }
        for warning in result.warnings where logging.verbose || !warning.contains(": note: ") {
            Console.error(warning.contains(": warning: ") ? warning : "warning: \(warning)")
        }
    }
}
