import InventoryDiff
import InventoryModel
import SnapshotStore

/// A label and how many: one bar of a chart, one line of a figures block.
public struct LabelCount: Sendable, Hashable {
    /// What is counted (a status, a platform, a node id, a type).
    public var label: String
    /// How many.
    public var count: Int

    /// Creates a pair.
    public init(_ label: String, _ count: Int) {
        self.label = label
        self.count = count
    }
}

/// The dashboard's figures, computed from the snapshot's nodes and the diff as plain values
/// (what the first sheet shows, so tests can compare them with the diff's summary).
public struct DashboardFigures: Sendable, Hashable {
    /// Managed nodes in the snapshot.
    public var nodes: Int
    /// Nodes per status (`Active`, `Terminated`, …), most first.
    public var nodesByStatus: [LabelCount]
    /// Changes per kind, every kind (zero included), in `Change.Kind` order; empty without a base.
    public var changesByKind: [Change.Kind: Int]
    /// Changes that are changes of the fleet (not `notCaptured` / `newlyCaptured`).
    public var realChanges: Int
    /// Nodes of the snapshot with at least one real change.
    public var nodesWithChanges: Int
    /// Nodes not captured within `staleAfterDays` of the snapshot (gone nodes excluded).
    public var staleNodes: Int
    /// The stale threshold in days.
    public var staleAfterDays: Int
    /// Real changes per inventory or resource type, most first (at most `chartLimit` plus other).
    public var changesByType: [LabelCount]
    /// Nodes with the most real changes, most first (at most `chartLimit`).
    public var topChangedNodes: [LabelCount]
    /// Nodes per platform, most first (at most `chartLimit` plus other).
    public var nodesByPlatform: [LabelCount]
    /// Nodes per SSM Agent version, most first (at most `chartLimit` plus other).
    public var agentVersions: [LabelCount]
    /// Real changes per node id (all nodes, for the node table).
    public var changesPerNode: [String: Int]

    /// Bars a chart shows before the rest are summed as "(other)".
    public static let chartLimit = 10

    /// Counts `nodes` of `snapshot` and the changes of `diff`.
    /// - Parameter other: the label of the summed rest ("(other)").
    public init(nodes: [ManagedNode], snapshot: SnapshotInfo, diff: DiffResult?, staleAfterDays: Int, other: String = "(other)") {
        self.nodes = nodes.count
        self.staleAfterDays = staleAfterDays
        func ranked(_ counts: [String: Int]) -> [LabelCount] {
            counts.map { LabelCount($0.key, $0.value) }.sorted { ($0.count, $1.label) > ($1.count, $0.label) }
        }
        func capped(_ counts: [String: Int]) -> [LabelCount] {
            let all = ranked(counts)
            guard all.count > Self.chartLimit else { return all }
            let rest = all.dropFirst(Self.chartLimit - 1).reduce(0) { $0 + $1.count }
            return Array(all.prefix(Self.chartLimit - 1)) + [LabelCount(other, rest)]
        }
        var statuses: [String: Int] = [:]
        var platforms: [String: Int] = [:]
        var agents: [String: Int] = [:]
        for node in nodes {
            statuses[node.status ?? "(no status)", default: 0] += 1
            platforms[node.platformName ?? node.platformType ?? "(unknown)", default: 0] += 1
            agents[node.agentVersion ?? "(unknown)", default: 0] += 1
        }
        nodesByStatus = ranked(statuses)
        nodesByPlatform = capped(platforms)
        agentVersions = capped(agents)

        var kinds: [Change.Kind: Int] = [:]
        var perNode: [String: Int] = [:]
        var perType: [String: Int] = [:]
        if let diff {
            for kind in Change.Kind.allCases { kinds[kind] = 0 }
            for change in diff.changes {
                kinds[change.change, default: 0] += 1
                guard change.change != .notCaptured, change.change != .newlyCaptured else { continue }
                perNode[change.resourceId, default: 0] += 1
                perType[change.typeName, default: 0] += 1
            }
        }
        changesByKind = kinds
        realChanges = diff?.summary.realChanges ?? 0
        let nodeIds = Set(nodes.map(\.nodeId))
        changesPerNode = perNode.filter { nodeIds.contains($0.key) }
        nodesWithChanges = changesPerNode.count
        changesByType = capped(perType)
        topChangedNodes = Array(ranked(changesPerNode).prefix(Self.chartLimit))

        let reference: Int64? = (snapshot.takenAt ?? snapshot.ingestedAt).epochMilliseconds
        var stale = 0
        if let reference {
            let limit = reference - Int64(staleAfterDays) * 86_400_000
            for node in nodes where !ManagedNode.isGone(node.status) {
                guard let captured = node.lastCaptureTime.flatMap(Timestamp.parse) else {
                    stale += 1
                    continue
                }
                if captured.epochMilliseconds < limit { stale += 1 }
            }
        }
        staleNodes = stale
    }
}

/// Builds the first sheet (title block, key figures, charts) and its hidden chart-data sheet as
/// sheet models.
struct DashboardBuilder {
    let lang: ReportLanguage
    let zone: ReportTimeZone
    let snapshot: SnapshotInfo
    let base: SnapshotInfo?
    let figures: DashboardFigures
    /// When the workbook was made (UTC ISO 8601).
    let generatedAt: String?
    let toolVersion: String
    let paper: PaperSize
    let footer: String
    let sheetName: String
    let chartDataName: String

    private func t(_ english: String) -> String { lang.text(english) }

    /// Where the charts go: two columns of charts right of the figures, 16 rows apart.
    static let chartColumn = 3
    static let chartWidth = 480
    static let chartHeight = 288
    static let chartColumnsApart = 8
    static let chartRowsApart = 16
    static let firstChartRow = 2

    /// The series shown, in chart order: title, kind, data.
    func series() -> [(title: String, kind: ChartKind, data: [LabelCount])] {
        var result: [(String, ChartKind, [LabelCount])] = []
        if base != nil {
            let kinds = Change.Kind.allCases.compactMap { kind -> LabelCount? in
                let count = figures.changesByKind[kind] ?? 0
                return count > 0 ? LabelCount(lang.kind(kind), count) : nil
            }
            result.append((t("Changes by kind"), .column, kinds))
            result.append((t("Changes by type"), .bar, figures.changesByType))
            result.append((t("Most changed nodes"), .bar, figures.topChangedNodes))
        }
        result.append((t("Nodes per platform"), .pie, figures.nodesByPlatform.map { LabelCount(t($0.label), $0.count) }))
        result.append((t("Agent versions"), .bar, figures.agentVersions.map { LabelCount(t($0.label), $0.count) }))
        if base == nil {
            result.append((t("Nodes per status"), .column, figures.nodesByStatus.map { LabelCount(t($0.label), $0.count) }))
        }
        // Bar charts draw their first category at the bottom: most first means listed last.
        return result.map { title, kind, data in
            (title, kind, data.isEmpty ? [LabelCount(t("(no changes)"), 0)] : kind == .bar ? data.reversed() : data)
        }
    }

    /// The hidden sheet the charts read: per series a label column and a count column.
    func chartData() -> SheetModel {
        var sheet = SheetModel(name: chartDataName, hidden: true, page: page(fitHeight: 0))
        for (index, series) in series().enumerated() {
            let column = index * 3
            sheet.set(row: 0, column: column, ModelCell(.text(series.title), .header))
            sheet.set(row: 0, column: column + 1, ModelCell(.text(t("Count")), .header))
            for (offset, item) in series.data.enumerated() {
                sheet.set(row: offset + 1, column: column, ModelCell(.text(item.label)))
                sheet.set(row: offset + 1, column: column + 1, ModelCell(.integer(item.count)))
            }
            sheet.columnWidths += [30, 10, 3]
        }
        return sheet
    }

    private func page(fitHeight: Int) -> PageSetup {
        PageSetup(landscape: true, paper: paper, fitWidth: 1, fitHeight: fitHeight, repeatRows: 0...0, footer: footer)
    }

    private func describe(_ snapshot: SnapshotInfo) -> String {
        "#\(snapshot.id)" + (snapshot.label.map { " \($0)" } ?? "")
    }

    /// The first sheet.
    func dashboard() -> SheetModel {
        var sheet = SheetModel(name: sheetName, tabColor: ReportStyles.tabSummary, page: page(fitHeight: 1))
        sheet.columnWidths = [44, 30, 2]
        sheet.rowHeights[0] = 30
        var row = 0
        func line(_ label: String, _ value: ReportCell, _ labelStyle: CellStyle = .label, _ valueStyle: CellStyle = .plain) {
            sheet.set(row: row, column: 0, ModelCell(.text(label), labelStyle))
            sheet.set(row: row, column: 1, ModelCell(value, valueStyle))
            row += 1
        }
        sheet.set(row: row, column: 0, ModelCell(.text(t("AWS inventory dashboard")), .title))
        row += 2
        sheet.set(row: row, column: 0, ModelCell(.text(t("Snapshots")), .heading))
        row += 1
        line(t("Snapshot"), .text(describe(snapshot)))
        line(lang.timeHeader("Captured at", zone: zone), .dateTime(snapshot.takenAt?.iso8601))
        if let base {
            line(t("Compared with"), .text(describe(base)))
            line(lang.timeHeader("Base captured at", zone: zone), .dateTime(base.takenAt?.iso8601))
        } else {
            line(t("Compared with"), .text(t("(none: the first snapshot)")))
        }
        line(lang.timeHeader("Generated at", zone: zone), .dateTime(generatedAt))
        line(t("Tool version"), .text(toolVersion))
        line(t("Time zone"), .text(zone.describe(at: snapshot.takenAt)))
        row += 1

        sheet.set(row: row, column: 0, ModelCell(.text(t("Nodes")), .heading))
        sheet.set(row: row, column: 1, ModelCell(.integer(figures.nodes), .figure))
        row += 1
        for status in figures.nodesByStatus { line("  " + t(status.label), .integer(status.count), .plain, .figure) }
        line(t("Nodes with changes"), .integer(figures.nodesWithChanges), .label, .figure)
        line(Self.staleLabel(lang, days: figures.staleAfterDays), .integer(figures.staleNodes), .label, .figure)
        row += 1

        sheet.set(row: row, column: 0, ModelCell(.text(t("Changes")), .heading))
        if base != nil {
            sheet.set(row: row, column: 1, ModelCell(.integer(figures.realChanges), .figure))
            row += 1
            for kind in Change.Kind.allCases {
                line("  " + lang.kind(kind), .integer(figures.changesByKind[kind] ?? 0), .plain, .figure)
            }
            sheet.set(row: row, column: 0, ModelCell(.text(t("Real changes exclude not captured and newly captured.")), .note))
            row += 1
        } else {
            row += 1
            line(t("Compared with"), .text(t("(none: the first snapshot)")), .plain)
        }
        row += 1
        sheet.set(row: row, column: 0, ModelCell(.text(t("Contents")), .heading))
        row += 1
        line(t("Inventory rows"), .integer(snapshot.entryCount), .label, .figure)
        line(t("Config resources"), .integer(snapshot.resourceCount), .label, .figure)
        line(t("Source files"), .integer(snapshot.fileCount), .label, .figure)

        for (index, series) in series().enumerated() {
            let chart = ChartModel(
                kind: series.kind, title: series.title,
                data: SheetColumnRange(
                    sheet: chartDataName, labelColumn: index * 3, valueColumn: index * 3 + 1, firstRow: 1,
                    lastRow: series.data.count),
                row: Self.firstChartRow + (index / 2) * Self.chartRowsApart,
                column: Self.chartColumn + (index % 2) * Self.chartColumnsApart, width: Self.chartWidth,
                height: Self.chartHeight)
            sheet.charts.append(chart)
        }
        return sheet
    }

    /// "Stale captures (not captured within 7 days)".
    static func staleLabel(_ lang: ReportLanguage, days: Int) -> String {
        lang == .ja ? "古い収集 (\(days) 日以上収集なし)" : "Stale captures (not captured within \(days) days)"
    }
}
