import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Export: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.export.abstract, discussion: CommandHelp.export.discussion)

        enum FileFormat: String, ExpressibleByArgument, CaseIterable { case xlsx, csv, dataset }

        @OptionGroup var store: StoreOptions

        @Option(help: "Snapshot to export: id, label, latest, latest~N or a date.")
        var snapshot: String = "latest"
        @Option(help: "xlsx (one workbook), csv (one RFC 4180 file per sheet) or dataset (gzip JSON lines in Hive partitions) in --output.")
        var format: FileFormat = .xlsx
        @Option(help: ArgumentHelp("With --format dataset: this snapshot and every later one.", valueName: "ref"))
        var since: String?
        @Flag(help: "With --format dataset: every snapshot.")
        var all = false
        @Flag(
            inversion: .prefixedNo,
            help: "With --format csv: start each file with a UTF-8 byte-order mark (for Excel; default with --lang ja).")
        var bom: Bool?
        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("The workbook to write (.xlsx), or the directory for --format csv or dataset.", valueName: "file|dir"),
            completion: .file(extensions: ["xlsx"]))
        var output: String
        @Option(help: "Snapshot to compare with for the Changes sheet (default: the previous one).")
        var base: String?
        @Flag(help: "Leave out the Changes sheet.")
        var noChanges = false
        @Flag(help: "Add a Timeline sheet: every change across the stored snapshots up to this one (as `inventory history`).")
        var history = false

        @OptionGroup var workbook: WorkbookOptions

        @Flag(help: "Print the result as JSON on stdout.")
        var json = false
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func validate() throws {
            if let problem = workflow.problem { throw ValidationError(problem) }
            if format != .dataset, since != nil || all { throw ValidationError("--since and --all go with --format dataset") }
            if since != nil, all { throw ValidationError("give --since REF or --all, not both") }
        }

        private var workflow: ExportWorkflow {
            var workflow = ExportWorkflow(output: output)
            (workflow.snapshot, workflow.base, workflow.noChanges, workflow.history) = (snapshot, base, noChanges, history)
            (workflow.csv, workflow.byteOrderMark) = (format == .csv, bom ?? (workbook.lang == .ja))
            return workflow
        }

        func run(in context: CommandContext) throws {
            // A missing or unwritable folder is an I/O error, not a usage error: no usage text.
            let problem =
                format == .xlsx ? OutputTarget.problem(with: output, allowDirectory: false) : OutputTarget.csvDirectoryProblem(output)
            if let problem { throw context.fail(problem) }
            let logger = context.logger(logging)
            let inventory = try store.open(context, readOnly: true)
            if format == .dataset { return try dataset(inventory, context) }
            let progress = logging.progress(context)
            defer { progress?.finish() }
            let options = try workbook.exportOptions(context, progress: progress)
            let result = try context.core { () throws(InventoryError) in try workflow.run(store: inventory, options: options) }
            progress?.finish()
            // What the export itself did to the data (cut cells, replaced characters, continuation
            // sheets) is worth seeing without opening the About sheet.
            for warning in result.exportWarnings { logger.warning("warning: \(warning)") }
            if json { try context.json(result) } else { context.out(result.summaryLine) }
        }

        private func dataset(_ inventory: InventoryStore, _ context: CommandContext) throws {
            let selection: DatasetSelection = all ? .all : since.map(DatasetSelection.since) ?? .one(snapshot)
            let result = try context.core { () throws(InventoryError) in try selection.export(from: inventory, to: output) }
            if json { try context.json(result) } else { context.out(result.summaryLine) }
        }
    }
}
