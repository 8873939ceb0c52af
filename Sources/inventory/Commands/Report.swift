import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cron one-shot: ingest, then export a dated workbook with changes against the previous snapshot.",
            discussion: """
                Ingests PATH... as `inventory ingest` does (identical input stores nothing and reuses the stored snapshot), then writes the workbook with a Changes sheet against the previous snapshot. Given a directory, the file is named after the snapshot's capture time (inventory-20261129T030000Z.xlsx). Prints one summary line. Changes are not failures: exit 0, or 1 with --fail-on-changes (for CI gates); 2 for trouble.

                Examples:
                  inventory report --db /var/lib/inventory/fleet.sqlite --output /srv/reports/ /srv/captures/today/
                  inventory report --output out/ --fail-on-changes --summary-markdown "$GITHUB_STEP_SUMMARY" captures/
                """)

        @OptionGroup var store: StoreOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("A directory (dated file name) or an .xlsx file.", valueName: "dir|file"),
                completion: .file(extensions: ["xlsx"]))
        var output: String

        @Option(help: "A unique name for the new snapshot.")
        var label: String?

        @Flag(help: "Store the good files and list the bad ones instead of storing nothing.")
        var keepGoing = false

        @Flag(help: "Exit 1 when the snapshot has changes against the previous one.")
        var failOnChanges = false

        @Option(help: ArgumentHelp("Also write a Markdown summary of the changes (e.g. $GITHUB_STEP_SUMMARY).", valueName: "file"))
        var summaryMarkdown: String?

        @Option(help: "Language of sheet names and headers.")
        var lang: Export.Language = .en

        @Option(help: "Paper every sheet prints on.")
        var paper: PaperSize = .a4

        @Option(help: ReportZone.help)
        var timezone: String?

        @Flag(help: "Print the result as JSON on stdout.")
        var json = false

        @OptionGroup(title: "Output") var logging: LoggingOptions

        @Argument(help: "Capture files, directories, or - for standard input.", completion: .file())
        var paths: [String]

        func validate() throws {
            try OutputTarget.validate(output, allowDirectory: true)
            _ = try ReportZone.resolve(timezone)
        }

        struct Result: Encodable {
            var ingest: IngestResult
            var workbook: ExportResult
            var summary: ChangeSummary?
            var changes: Int
        }

        func run() throws {
            _ = logging.bootstrap()
            let store = try store.open()
            var ingestor = Ingestor(
                options: IngestOptions(label: label, keepGoing: keepGoing), toolVersion: InventoryVersion.current)
            let progress = logging.showProgress ? ProgressLine() : nil
            if let progress { ingestor.progress = { progress.update($0) } }
            let (ingested, diff, written) = try withExitCodes { () throws -> (IngestResult, DiffResult?, ExportResult) in
                let ingested = try ingestor.run(paths: paths, store: store)
                progress?.finish()
                let target = ingested.snapshot
                let diff = try SnapshotPair.changes(store: store, target: target, base: nil)
                let path = OutputTarget.workbookPath(output, snapshot: target)
                var options = ExportOptions(language: lang == .ja ? .ja : .en, created: SourceDateEpoch.date)
                options.timeZone = try ReportZone.resolve(timezone)
                options.paper = paper
                options.generatedAt = SourceDateEpoch.date ?? Date()
                let written = try WorkbookReport(store: store, options: options).write(snapshot: target, diff: diff, to: path)
                return (ingested, diff, written)
            }
            IngestSummary.printWarnings(ingested, logging: logging)
            if let summaryMarkdown, let diff {
                try MarkdownSummary.write(diff, workbook: written.path, to: summaryMarkdown)
            } else if let summaryMarkdown {
                try MarkdownSummary.writeFirst(snapshot: ingested.snapshot, workbook: written.path, to: summaryMarkdown)
            }
            // Re-running on identical input stores nothing new, so it reports no new changes.
            let changes = ingested.status == "unchanged" ? 0 : diff?.summary.realChanges ?? 0
            if json {
                try JSONOutput.print(Result(ingest: ingested, workbook: written, summary: diff?.summary, changes: changes))
            } else {
                var line = "report: snapshot \(ingested.snapshot.id)"
                if ingested.status == "unchanged" { line += " (input unchanged: nothing new)" }
                line += ", \(ingested.snapshot.nodeCount) nodes, \(ingested.snapshot.entryCount) rows"
                if ingested.status == "unchanged" {
                    line += "; no new changes"
                } else if let diff {
                    let s = diff.summary
                    line += "; \(changes) changes against snapshot \(diff.base.id) (\(s.added) added, \(s.removed) removed, "
                        + "\(s.changed) changed, \(s.statusChanged) status, \(s.notCaptured) not captured)"
                } else {
                    line += "; first snapshot, nothing to compare"
                }
                line += " → \(written.path)"
                Console.out(line)
            }
            if failOnChanges, changes > 0 { throw ExitCode(1) }
        }
    }
}

/// Where a workbook goes: a file as given, or a dated name inside a directory.
enum OutputTarget {
    static func validate(_ output: String, allowDirectory: Bool) throws {
        var isDirectory: ObjCBool = false
        // A directory that does not exist yet is created (cron's first night), when its parent does.
        if allowDirectory, !output.lowercased().hasSuffix(".xlsx"), !FileManager.default.fileExists(atPath: output) {
            let parent = (output as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent) {
                try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
            }
        }
        if allowDirectory, FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
            guard FileManager.default.isWritableFile(atPath: output) else {
                throw ValidationError("the output directory \(output) is not writable")
            }
            return
        }
        guard output.lowercased().hasSuffix(".xlsx") else {
            throw ValidationError(allowDirectory ? "--output must be an existing directory or an .xlsx file" : "--output must name an .xlsx file")
        }
        let directory = (output as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("the output directory \(dir) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: dir) else {
            throw ValidationError("the output directory \(dir) is not writable")
        }
    }

    static func workbookPath(_ output: String, snapshot: SnapshotInfo) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue else {
            return output
        }
        let time = snapshot.takenAt ?? snapshot.ingestedAt
        let stamp = time.filter { $0.isNumber || $0 == "T" || $0 == "Z" }
        let compact = stamp.count >= 15 ? String(stamp.prefix(15)) + "Z" : "snapshot-\(snapshot.id)"
        return (output as NSString).appendingPathComponent("inventory-\(compact).xlsx")
    }
}

/// `--summary-markdown`: appends (GitHub step summaries are appended to) a Markdown report.
enum MarkdownSummary {
    static func write(_ diff: DiffResult, workbook: String?, to path: String) throws {
        try append(DiffMarkdownRenderer().render(diff, workbook: workbook), to: path)
    }

    static func writeFirst(snapshot: SnapshotInfo, workbook: String?, to path: String) throws {
        var text = "## Inventory: snapshot \(snapshot.id)\n\nFirst snapshot (\(snapshot.nodeCount) nodes, \(snapshot.entryCount) rows); nothing to compare yet.\n"
        if let workbook { text += "\nWorkbook: `\(workbook)`\n" }
        try append(text, to: path)
    }

    private static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                Console.error("error: cannot create \(path)")
                throw ExitCode(2)
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            Console.error("error: cannot write \(path)")
            throw ExitCode(2)
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            Console.error("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
