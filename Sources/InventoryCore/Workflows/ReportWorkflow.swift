import Foundation
import InventoryDiff
import InventoryModel
import InventoryReport
import SnapshotStore

/// `inventory report`, the cron and CI one-shot: ingest, diff against the previous snapshot,
/// write the workbook (a dated name inside a folder), and optionally a Markdown summary.
public struct ReportWorkflow {
    /// What one report run did, as `report --format json` prints it.
    public struct Outcome: Encodable, Sendable {
        public var ingest: IngestResult
        public var workbook: ExportResult
        public var summary: ChangeSummary?
        /// Changes new in this run (0 when the input was unchanged).
        public var changes: Int
        /// The snapshot compared with, if any (not encoded: `summary` carries the counts).
        var base: SnapshotInfo?

        enum CodingKeys: String, CodingKey { case ingest, workbook, summary, changes }

        /// `report: snapshot 2, 6 nodes, 96 rows; 19 changes against snapshot 1 (…) → out/inventory-….xlsx`.
        public var summaryLine: String {
            let unchanged = ingest.status == .unchanged
            var line = "report: snapshot \(ingest.snapshot.id)"
            if unchanged { line += " (input unchanged: nothing new)" }
            line += ", \(ingest.snapshot.nodeCount) nodes, \(ingest.snapshot.entryCount) rows"
            if unchanged {
                line += "; no new changes"
            } else if let s = summary, let base {
                line +=
                    "; \(changes) changes against snapshot \(base.id) (\(s.added) added, \(s.removed) removed, "
                    + "\(s.changed) changed, \(s.statusChanged) status, \(s.notCaptured) not captured)"
            } else {
                line += "; first snapshot, nothing to compare"
            }
            return line + " → \(workbook.path)"
        }
    }

    public var ingestor: Ingestor
    public var exportOptions: ExportOptions
    /// A folder (dated file name) or an `.xlsx` file.
    public var output: String
    public var summaryMarkdown: String?

    public init(ingestor: Ingestor, exportOptions: ExportOptions, output: String, summaryMarkdown: String? = nil) {
        self.ingestor = ingestor
        self.exportOptions = exportOptions
        self.output = output
        self.summaryMarkdown = summaryMarkdown
    }

    /// Runs the report into `store`.
    /// - Throws: the ingest's, diff's and workbook's `InventoryError`s; nothing half-written.
    public func run(paths: [String], store: InventoryStore) throws(InventoryError) -> Outcome {
        // A damaged store is reported before anything is added to it.
        let check = try store.verify(quick: true)
        guard check.isSound else {
            throw .store(
                message:
                    "\(store.path) is damaged (\((check.integrityProblems + check.foreignKeyProblems).prefix(3).joined(separator: "; "))); run `inventory verify`"
            )
        }
        let ingested = try ingestor.run(paths: paths, store: store)
        let target = ingested.snapshot
        let path = OutputTarget.workbookPath(output, snapshot: target)
        let (diff, written) = try store.consistently { () throws(InventoryError) -> (DiffResult?, ExportResult) in
            let diff = try SnapshotPair.changes(store: store, target: target, base: nil)
            return (diff, try WorkbookReport(store: store, options: exportOptions).write(snapshot: target, diff: diff, to: path))
        }
        if let summaryMarkdown, ingested.status == .unchanged {
            // A rerun on the same input: say so rather than repeat the last run's table.
            try MarkdownSummary.writeUnchanged(snapshot: target, workbook: written.path, to: summaryMarkdown)
        } else if let summaryMarkdown, let diff {
            try MarkdownSummary.write(diff, workbook: written.path, to: summaryMarkdown)
        } else if let summaryMarkdown {
            try MarkdownSummary.writeFirst(snapshot: target, workbook: written.path, to: summaryMarkdown)
        }
        // Re-running on identical input stores nothing new, so it reports no new changes.
        let changes = ingested.status == .unchanged ? 0 : diff?.summary.realChanges ?? 0
        return Outcome(ingest: ingested, workbook: written, summary: diff?.summary, changes: changes, base: diff?.base)
    }
}
