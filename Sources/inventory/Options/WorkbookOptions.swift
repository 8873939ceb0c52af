import ArgumentParser
import InventoryCore

/// How `export` and `report` write a workbook.
struct WorkbookOptions: ParsableArguments {
    enum Language: String, ExpressibleByArgument, CaseIterable { case en, ja }

    @Option(help: "Language of sheet names and headers.")
    var lang: Language = .en

    @Option(help: ArgumentHelp("Directory for libxlsxwriter's temporary files.", valueName: "dir"), completion: .directory)
    var tmpdir: String?

    @Option(help: .hidden)
    var rowsPerSheet: Int?

    func validate() throws {
        if let rowsPerSheet, rowsPerSheet < 1 { throw ValidationError("--rows-per-sheet must be at least 1") }
    }

    func exportOptions(_ context: CommandContext, progress: ProgressLine? = nil) -> ExportOptions {
        var options = ExportOptions(
            language: lang == .ja ? .ja : .en, tmpdir: tmpdir, created: context.environment.sourceDateEpoch)
        if let progress { options.progress = { progress.update($0) } }
        if let rowsPerSheet { options.rowsPerSheet = rowsPerSheet }
        return options
    }
}
