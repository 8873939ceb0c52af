import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Report: ContextCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cron one-shot: ingest, then export a dated workbook with changes against the previous snapshot.",
            discussion: """
                Ingests PATH... as `inventory ingest` does (identical input stores nothing and reuses the stored snapshot), then writes the workbook with a Changes sheet against the previous snapshot. Given a directory, the file is named after the snapshot's capture time (inventory-20261129T030000Z.xlsx). Prints one summary line. Changes are not failures: exit 0, or 1 with --fail-on-changes (for CI gates); 2 for trouble.

                Examples:
                  inventory report --db /var/lib/inventory/fleet.sqlite \\
                      --output /srv/reports/ /srv/captures/today/
                  inventory report --output out/ --fail-on-changes \\
                      --summary-markdown "$GITHUB_STEP_SUMMARY" captures/
                """)

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
