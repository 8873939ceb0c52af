import ArgumentParser
import InventoryCore

extension InventoryCommand {
    struct Diff: ContextCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.diff.abstract, discussion: CommandHelp.diff.discussion)

        enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

        @OptionGroup var store: StoreOptions

        @Argument(help: "Base snapshot (default: the one before TARGET).")
        var base: String?
        @Argument(help: "Target snapshot (default: latest).")
        var target: String?
        @OptionGroup var filters: FilterOptions
        @OptionGroup var output: FormatOptions

        @Option(help: "Colour in text output: auto (terminal only, honours NO_COLOR), always, never.")
        var color: ColorMode = .auto
        @Option(help: ArgumentHelp("Also write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY; appended to).", valueName: "file"))
        var summaryMarkdown: String?
        @Option(help: ReportZone.help)
        var timezone: String?
        @Flag(help: "With --format csv: start with a UTF-8 byte-order mark (for Excel).")
        var bom = false
        @OptionGroup(title: "Logging") var logging: LoggingOptions

        func run(in context: CommandContext) throws {
            if let summaryMarkdown, let problem = MarkdownSummary.problem(with: summaryMarkdown, store: store.path(context), inputs: []) {
                context.error("error: \(problem)")
                throw ExitCode(2)
            }
            let inventory = try store.open(context, readOnly: true)
            let zone = try ReportZone.resolve(timezone, environment: context.environment)
            let result = try context.core { () throws(InventoryError) -> DiffResult in
                try inventory.consistently { () throws(InventoryError) -> DiffResult in
                    let (baseSnapshot, targetSnapshot) = try SnapshotPair.resolve(store: inventory, base: base, target: target)
                    let options = try DiffFilters.resolved(
                        filters.diffOptions, store: inventory, base: baseSnapshot, target: targetSnapshot)
                    return try SnapshotDiff(store: inventory, options: options).run(base: baseSnapshot, target: targetSnapshot)
                }
            }
            switch output.resolved {
            case .json: try context.json(DiffJSON(result))
            case .csv: context.writeOut(DiffCSVRenderer.render(result, timeZone: zone, byteOrderMark: bom))
            case .text:
                let facts = try context.core { () throws(InventoryError) in
                    try DiffPresentation.context(
                        store: inventory, result: result, baseReference: base, targetReference: target, verbose: logging.verbose)
                }
                context.out(DiffTextRenderer(color: useColor(context), timeZone: zone, context: facts).render(result))
            }
            if let summaryMarkdown {
                try context.core { () throws(InventoryError) in try MarkdownSummary.write(result, workbook: nil, to: summaryMarkdown) }
            }
            if result.hasChanges { throw ExitCode(1) }
        }

        private func useColor(_ context: CommandContext) -> Bool {
            context.environment.wantsColor(color == .auto ? nil : color == .always, stdoutIsTerminal: context.stdoutIsTerminal)
        }
    }
}
