import ArgumentParser
import InventoryCore

/// How `export` and `report` write a workbook.
struct WorkbookOptions: ParsableArguments {
    enum Language: String, ExpressibleByArgument, CaseIterable { case en, ja }

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
    @Option(help: .hidden)
    var rowsPerSheet: Int?

    func validate() throws {
        if let rowsPerSheet, rowsPerSheet < 1 { throw ValidationError("--rows-per-sheet must be at least 1") }
        if staleDays < 0 { throw ValidationError("--stale-days must be 0 or more") }
        _ = try ReportZone.resolve(timezone, environment: RunEnvironment.process)
    }

    func exportOptions(_ context: CommandContext, progress: ProgressLine? = nil) throws -> ExportOptions {
        var options = ExportOptions(
            language: lang == .ja ? .ja : .en, tmpdir: tmpdir, created: context.environment.sourceDateEpoch)
        options.timeZone = try ReportZone.resolve(timezone, environment: context.environment)
        options.paper = paper
        options.staleAfterDays = staleDays
        options.generatedAt = context.environment.sourceDateEpoch ?? context.environment.now()
        if let progress { options.progress = { progress.update($0) } }
        if let rowsPerSheet { options.rowsPerSheet = rowsPerSheet }
        return options
    }
}
