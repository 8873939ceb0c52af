import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a snapshot as an Excel workbook.",
            discussion: """
                Sheets: Dashboard (snapshots compared, key figures, charts), Nodes (one row per managed node, linked to its rows), Changes (against --base, default the previous snapshot; --no-changes leaves it out), one sheet per inventory type and per Config resource type, and About (snapshots, source files, tool version, warnings). The file is written beside the target under a temporary name and renamed; on failure nothing is left behind. The same snapshot exported twice gives a byte-identical file (creation time from the snapshot, or SOURCE_DATE_EPOCH).

                Examples:
                  inventory export --output inventory.xlsx
                  inventory export --snapshot t1 --no-changes --output t1.xlsx
                  inventory export --lang ja --base 2026-11-01 --output 変更.xlsx
                  inventory export --format csv --bom --output csv/
                """)

        enum Language: String, ExpressibleByArgument, CaseIterable { case en, ja }
        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case xlsx, csv }

        @OptionGroup var store: StoreOptions

        @Option(help: "Snapshot to export: id, label, latest, latest~N or a date.")
        var snapshot: String = "latest"

        @Option(help: "xlsx (one workbook) or csv (one RFC 4180 file per sheet in the --output directory).")
        var format: OutputFormat = .xlsx

        @Flag(inversion: .prefixedNo, help: "With --format csv: start each file with a UTF-8 byte-order mark (for Excel; default with --lang ja).")
        var bom: Bool?

        @Option(name: .shortAndLong, help: ArgumentHelp("The workbook to write (.xlsx), or the directory for --format csv.", valueName: "file|dir"),
                completion: .file(extensions: ["xlsx"]))
        var output: String

        @Option(help: "Snapshot to compare with for the Changes sheet (default: the previous one).")
        var base: String?

        @Flag(help: "Leave out the Changes sheet.")
        var noChanges = false

        @Option(help: "Language of sheet names and headers.")
        var lang: Language = .en

        @Option(help: "Paper every sheet prints on.")
        var paper: PaperSize = .a4

        @Option(help: ReportZone.help)
        var timezone: String?

        @Option(help: ArgumentHelp("Nodes not captured within this many days count as stale on the dashboard.", valueName: "days"))
        var staleDays: Int = 7

        @Option(help: ArgumentHelp("Directory for libxlsxwriter's temporary files.", valueName: "dir"), completion: .directory)
        var tmpdir: String?

        @Flag(help: "Print the result as JSON on stdout.")
        var json = false

        @Option(help: .hidden)
        var rowsPerSheet: Int?

        func validate() throws {
            if format == .csv {
                let lowered = output.lowercased()
                if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xls") {
                    throw ValidationError("--format csv writes a directory of CSV files; \(output) names a workbook (use --format xlsx, or a directory)")
                }
                let parent = (output as NSString).deletingLastPathComponent
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isDirectory),
                    isDirectory.boolValue
                else { throw ValidationError("the parent directory of \(output) does not exist") }
            } else {
                try OutputTarget.validate(output, allowDirectory: false)
            }
            if let rowsPerSheet, rowsPerSheet < 1 { throw ValidationError("--rows-per-sheet must be at least 1") }
            if staleDays < 0 { throw ValidationError("--stale-days must be 0 or more") }
            _ = try ReportZone.resolve(timezone)
        }

        func run() throws {
            let store = try store.open(readOnly: true)
            var options = ExportOptions(language: lang == .ja ? .ja : .en, tmpdir: tmpdir, created: SourceDateEpoch.date)
            options.timeZone = try ReportZone.resolve(timezone)
            options.paper = paper
            options.staleAfterDays = staleDays
            options.generatedAt = SourceDateEpoch.date ?? Date()
            if let rowsPerSheet { options.rowsPerSheet = rowsPerSheet }
            let result = try withExitCodes { () throws(InventoryError) -> ExportResult in
                let target = try store.resolve(snapshot)
                let diff = noChanges ? nil : try SnapshotPair.changes(store: store, target: target, base: base)
                let report = WorkbookReport(store: store, options: options)
                if format == .csv {
                    return try report.writeCSV(snapshot: target, diff: diff, directory: output, byteOrderMark: bom ?? (lang == .ja))
                }
                return try report.write(snapshot: target, diff: diff, to: output)
            }
            // What the export itself had to do to the data (cut cells, replaced characters,
            // continuation sheets) is worth seeing without opening the About sheet.
            for warning in result.exportWarnings { Console.error("warning: \(warning)") }
            if json {
                try JSONOutput.print(result)
                return
            }
            let rows = result.sheets.reduce(0) { $0 + $1.rows }
            Console.out("wrote \(result.path): \(result.sheets.count) sheets, \(rows) rows (snapshot \(result.snapshot.id)"
                + (result.base.map { ", changes against \($0.id)" } ?? "") + ")")
        }
    }
}

/// `SOURCE_DATE_EPOCH` (reproducible builds convention): a fixed document creation time.
enum SourceDateEpoch {
    static var date: Date? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds > 0 else {
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
