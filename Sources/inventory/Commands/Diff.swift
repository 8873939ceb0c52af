import ArgumentParser
import Foundation
import InventoryCore

extension InventoryCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what really changed between two snapshots.",
            discussion: """
                BASE and TARGET are snapshot references: an id, a label, latest, latest~N, or a UTC date/time (the latest snapshot taken at or before it). Default: the snapshot before TARGET against TARGET (latest). Rows are compared per node and inventory type as multisets; Config resources by type and id. A node or type missing from TARGET is "not captured", never "removed"; a node that became Terminated or ResourceDeleted is one status change.

                Noise ignored by default (--include-noise shows it, --ignore adds more):
                  \(NoiseRules.defaults.joined(separator: "\n  "))

                Exit codes: 0 no changes, 1 changes found, 2 trouble.

                Examples:
                  inventory diff
                  inventory diff t1 t2 --type AWS:Application
                  inventory diff latest~1 latest --format json | jq .summary
                  inventory diff 2026-11-01 latest --ignore AWS:Application.InstalledTime --format csv > changes.csv
                """)

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }
        enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

        @OptionGroup var store: StoreOptions

        @Argument(help: "Base snapshot (default: the one before TARGET).")
        var base: String?

        @Argument(help: "Target snapshot (default: latest).")
        var target: String?

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        @Flag(help: "Same as --format json.")
        var json = false

        @Option(help: "Colour in text output: auto (terminal only, honours NO_COLOR), always, never.")
        var color: ColorMode = .auto

        @Option(help: ArgumentHelp("Also ignore TYPE.FIELD (repeatable; TYPE may be *).", valueName: "TYPE.FIELD"))
        var ignore: [String] = []

        @Flag(help: "Report the default noise fields too.")
        var includeNoise = false

        @Flag(help: "Leave out rows whose only difference is attributes reported for the first time.")
        var ignoreNewAttributes = false

        @Option(name: .customLong("type"), help: ArgumentHelp("Only this inventory or resource type (repeatable).", valueName: "type"))
        var types: [String] = []

        @Option(name: .customLong("node"), help: ArgumentHelp("Only this node (id or computer name) or resource id (repeatable).", valueName: "id"))
        var nodes: [String] = []

        @Option(name: .customLong("account"), help: ArgumentHelp("Only this account (repeatable).", valueName: "id"))
        var accounts: [String] = []

        @Option(name: .customLong("region"), help: ArgumentHelp("Only this region (repeatable).", valueName: "name"))
        var regions: [String] = []

        @Option(help: ArgumentHelp("Also write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY; appended to).", valueName: "file"))
        var summaryMarkdown: String?

        @Option(help: ReportZone.help)
        var timezone: String?

        @Flag(help: "With --format csv: start with a UTF-8 byte-order mark (for Excel).")
        var bom = false

        func validate() throws {
            _ = try ReportZone.resolve(timezone)
        }

        func run() throws {
            let store = try store.open(readOnly: true)
            let options = DiffOptions(
                ignore: ignore, includeNoise: includeNoise, ignoreNewAttributes: ignoreNewAttributes, types: types,
                nodes: nodes, accounts: accounts, regions: regions)
            let zone = try ReportZone.resolve(timezone)
            let result = try withExitCodes { () throws -> DiffResult in
                let (baseSnapshot, targetSnapshot) = try SnapshotPair.resolve(store: store, base: base, target: target)
                let filtered: DiffOptions
                do {
                    filtered = try DiffFilters.resolve(options, store: store, base: baseSnapshot, target: targetSnapshot)
                } catch let unknown as UnknownFilterValue {
                    Console.error("error: \(unknown)")
                    throw ExitCode(2)
                }
                return try SnapshotDiff(store: store, options: filtered).run(base: baseSnapshot, target: targetSnapshot)
            }
            switch json ? .json : format {
            case .json: try JSONOutput.print(DiffJSON(result))
            case .csv:
                FileHandle.standardOutput.write(Data(DiffCSVRenderer.render(result, timeZone: zone, byteOrderMark: bom).utf8))
            case .text: Console.out(DiffTextRenderer(color: useColor, timeZone: zone).render(result))
            }
            if let summaryMarkdown { try MarkdownSummary.write(result, workbook: nil, to: summaryMarkdown) }
            if result.hasChanges { throw ExitCode(1) }
        }

        private var useColor: Bool {
            switch color {
            case .always: return true
            case .never: return false
            case .auto:
                let env = ProcessInfo.processInfo.environment
                if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
                return Console.stdoutIsTerminal && env["TERM"] != "dumb"
            }
        }
    }
}

/// The JSON contract of DESIGN.md: `summary` and `changes`, plus the snapshots compared.
struct DiffJSON: Encodable {
    struct Summary: Encodable {
        var added, removed, changed, notCaptured, attributesAdded, multiplicity, statusChanged, newlyCaptured: Int
    }
    var base: SnapshotInfo
    var target: SnapshotInfo
    var summary: Summary
    var changes: [Change]

    init(_ result: DiffResult) {
        base = result.base
        target = result.target
        let s = result.summary
        summary = Summary(
            added: s.added, removed: s.removed, changed: s.changed, notCaptured: s.notCaptured,
            attributesAdded: s.attributesAdded, multiplicity: s.multiplicity, statusChanged: s.statusChanged,
            newlyCaptured: s.newlyCaptured)
        changes = result.changes
    }
}
