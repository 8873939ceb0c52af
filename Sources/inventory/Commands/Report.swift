import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Report: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.report.abstract, discussion: CommandHelp.report.discussion)

        @OptionGroup var store: StoreOptions

        @Option(
            name: .shortAndLong, help: ArgumentHelp("A directory (dated file name) or an .xlsx file.", valueName: "dir|file"),
            completion: .file(extensions: ["xlsx"]))
        var output: String
        @Flag(help: "Exit 1 when the snapshot has changes against the previous one.")
        var failOnChanges = false
        @Option(help: ArgumentHelp("Also write a Markdown summary of the changes (e.g. $GITHUB_STEP_SUMMARY).", valueName: "file"))
        var summaryMarkdown: String?
        @OptionGroup var workbook: WorkbookOptions
        @OptionGroup var format: FormatOptions
        @OptionGroup(title: "Logging") var logging: LoggingOptions
        @OptionGroup var input: InputOptions

        func validate() throws {
            try format.allow([.text, .json])
            if let summaryMarkdown,
                let problem = MarkdownSummary.problem(
                    with: summaryMarkdown, store: RunEnvironment.process.storePath(store.db), inputs: input.paths)
            {
                throw ValidationError(problem)
            }
        }

        func run(in context: CommandContext) throws {
            if let problem = OutputTarget.problem(with: output, allowDirectory: true) { throw context.fail(problem) }
            let logger = context.logger(logging)
            let inventory = try store.open(context)
            var ingestor = input.ingestor(context)
            let progress = logging.progress(context)
            if let progress { ingestor.progress = { progress.update($0) } }
            let workflow = ReportWorkflow(
                ingestor: ingestor, exportOptions: try workbook.exportOptions(context, progress: progress), output: output,
                summaryMarkdown: summaryMarkdown)
            let outcome: ReportWorkflow.Outcome
            do {
                outcome = try context.core { () throws(InventoryError) in try workflow.run(paths: input.paths, store: inventory) }
            } catch {
                progress?.finish()
                throw error
            }
            progress?.finish()
            logger.report(outcome.ingest.warnings)
            for warning in outcome.workbook.exportWarnings { logger.warning("warning: \(warning)") }
            if format.resolved == .json { try context.json(outcome) } else { context.out(outcome.summaryLine) }
            if failOnChanges, outcome.changes > 0 { throw ExitCode(1) }
        }
    }
}
