import Foundation
import InventoryCore
import Testing

@testable import InventoryDiff
@testable import InventoryReport

/// The Report stage's plain values in process: time zones, the dashboard's figures, and the
/// dashboard's layout at fleet sizes no fixture has (300 and 20,000 nodes).
@Suite struct ReportWorkbookModelTests {
    @Test func time_zones_parse_iana_names_offsets_and_utc() throws {
        #expect(try ReportTimeZone.parse("UTC").isUTC)
        #expect(try ReportTimeZone.parse("Z").isUTC)
        #expect(try ReportTimeZone.parse("+00:00").isUTC)
        #expect(try ReportTimeZone.parse("asia/tokyo").name == "Asia/Tokyo")
        let time = try #require(Timestamp.parse("2026-11-15T02:51:36Z"))
        #expect(try ReportTimeZone.parse("Asia/Tokyo").iso8601(time) == "2026-11-15T11:51:36+09:00")
        #expect(try ReportTimeZone.parse("+05:30").iso8601(time) == "2026-11-15T08:21:36+05:30")
        #expect(try ReportTimeZone.parse("-0800").name == "UTC-08:00")
        #expect(try ReportTimeZone.parse("UTC+9").name == "UTC+09:00")
        // Daylight saving time is followed per instant: New York is -4 before 2026-11-01 06:00 UTC, -5 after.
        let newYork = try ReportTimeZone.parse("America/New_York")
        #expect(newYork.iso8601(try #require(Timestamp.parse("2026-11-01T02:48:05Z"))) == "2026-10-31T22:48:05-04:00")
        #expect(newYork.iso8601(time) == "2026-11-14T21:51:36-05:00")
        #expect(ReportTimeZone.utc.iso8601(time) == "2026-11-15T02:51:36Z")
        #expect(try ReportTimeZone.parse("Asia/Tokyo").shift("2026-05-21T04:37:55Z") == "2026-05-21T13:37:55+09:00")
        #expect(try ReportTimeZone.parse("Asia/Tokyo").shift("6.1.90") == "6.1.90", "only date-times move")
        #expect(try ReportTimeZone.parse("Asia/Tokyo").shift("2026-05-21") == "2026-05-21", "a bare date is not a date-time")
        for bad in ["Asia/Tokio", "+25:00", "+9:0", "Mars", "", "09:00"] {
            #expect(throws: ReportTimeZone.UnknownZone.self, "\(bad)") { try ReportTimeZone.parse(bad) }
        }
        do {
            _ = try ReportTimeZone.parse("Europe/Berln")
        } catch {
            #expect(error.suggestions.contains("Europe/Berlin"), "\(error.suggestions)")
        }
    }

    /// A fleet of `count` nodes: many platforms and agent versions, some stale, some gone, changes on some.
    static func fleet(_ count: Int) -> ([ManagedNode], SnapshotInfo, DiffResult) {
        let base = SnapshotInfo(
            id: 1, label: "t1", takenAt: Timestamp.parse("2026-11-01T00:00:00Z"), ingestedAt: Timestamp.parse("2026-11-01T00:10:00Z")!,
            fingerprint: "a", complete: true, fileCount: 1, nodeCount: count, entryCount: 0, resourceCount: 0, warningCount: 0)
        let target = SnapshotInfo(
            id: 2, label: "t2", takenAt: Timestamp.parse("2026-11-15T00:00:00Z"), ingestedAt: Timestamp.parse("2026-11-15T00:10:00Z")!,
            fingerprint: "b", complete: true, fileCount: 1, nodeCount: count, entryCount: 0, resourceCount: 0, warningCount: 0)
        var nodes: [ManagedNode] = []
        var changes: [Change] = []
        for index in 0..<count {
            var node = ManagedNode(nodeId: String(format: "i-%017x", index))
            node.platformName = "Platform \(index % 37)"
            node.agentVersion = "3.3.\(index % 53).0"
            node.status = index % 100 == 0 ? "Terminated" : "Active"
            // Every 10th node was last captured 10 days before the snapshot.
            node.lastCaptureTime = index % 10 == 0 ? "2026-11-05T00:00:00Z" : "2026-11-14T23:00:00Z"
            nodes.append(node)
            for change in 0..<(index % 7) {
                changes.append(
                    Change(
                        change: change % 2 == 0 ? .added : .removed, accountId: "111122223333", region: "us-east-1",
                        resourceId: node.nodeId, typeName: change % 3 == 0 ? "AWS:Application" : "Custom:Type\(change)",
                        key: "k\(change)"))
            }
        }
        changes.append(
            Change(change: .notCaptured, accountId: nil, region: nil, resourceId: nodes[1].nodeId, typeName: "AWS:Network", key: ""))
        let diff = DiffResult(base: base, target: target, summary: ChangeSummary(changes), changes: changes)
        return (nodes, target, diff)
    }

    @Test(arguments: [300, 20_000])
    func dashboard_figures_count_the_fleet_and_the_layout_never_overlaps(count: Int) throws {
        let (nodes, target, diff) = Self.fleet(count)
        let figures = DashboardFigures(nodes: nodes, snapshot: target, diff: diff, staleAfterDays: 7)
        #expect(figures.nodes == count)
        #expect(figures.changesByKind[.added] == diff.summary.added && figures.changesByKind[.notCaptured] == 1)
        #expect(figures.realChanges == diff.summary.realChanges)
        #expect(figures.nodesWithChanges == nodes.indices.filter { $0 % 7 != 0 }.count)
        let gone = nodes.indices.filter { $0 % 100 == 0 }.count
        #expect(figures.staleNodes == nodes.indices.filter { $0 % 10 == 0 }.count - gone, "gone nodes are not stale")
        #expect(figures.nodesByPlatform.count <= DashboardFigures.chartLimit)
        #expect(figures.nodesByPlatform.reduce(0) { $0 + $1.count } == count, "the rest is summed as (other)")
        #expect(figures.agentVersions.count <= DashboardFigures.chartLimit)
        #expect(figures.topChangedNodes.count == DashboardFigures.chartLimit && figures.topChangedNodes.first?.count == 6)

        let builder = DashboardBuilder(
            lang: .en, zone: .utc, snapshot: target, base: diff.base, figures: figures, generatedAt: nil, toolVersion: "inventory",
            paper: .a4, footer: "&A", sheetName: "Dashboard", chartDataName: "Chart data")
        let dashboard = builder.dashboard()
        let data = builder.chartData()
        #expect(dashboard.charts.count == 5)
        #expect(data.hidden && data.rows.count <= DashboardFigures.chartLimit + 1, "bounded chart data: \(data.rows.count) rows")
        // Cells stay left of the charts; charts never overlap each other (16 rows by 8 columns each,
        // at the default 20-pixel rows and 64-pixel columns).
        let usedColumns = dashboard.rows.flatMap { row in row.indices.filter { !ReportWorkbookModelTests.isBlank(row[$0].value) } }
        #expect(usedColumns.allSatisfy { $0 < DashboardBuilder.chartColumn })
        #expect(dashboard.rows.count < 60, "the dashboard does not grow with the fleet")
        for chart in dashboard.charts {
            #expect(chart.column >= DashboardBuilder.chartColumn)
            #expect(chart.width <= DashboardBuilder.chartColumnsApart * 64 && chart.height <= DashboardBuilder.chartRowsApart * 20)
            #expect(chart.data.lastRow < data.rows.count && chart.data.sheet == "Chart data")
        }
        let slots = dashboard.charts.map { "\($0.row),\($0.column)" }
        #expect(Set(slots).count == slots.count, "one chart a slot: \(slots)")
    }

    static func isBlank(_ cell: ReportCell) -> Bool {
        if case .blank = cell { return true }
        return false
    }

    @Test func placements_map_data_rows_to_sheets_and_rows() {
        let placement = TablePlacement(sheetNames: ["A", "A (2)", "A (3)"], rowsPerSheet: 10)
        #expect(placement.location(ofDataRow: 0)! == ("A", 1))
        #expect(placement.location(ofDataRow: 9)! == ("A", 10))
        #expect(placement.location(ofDataRow: 10)! == ("A (2)", 1))
        #expect(placement.location(ofDataRow: 25)! == ("A (3)", 6))
        #expect(placement.location(ofDataRow: 30) == nil)
        #expect(TablePlacement.sheetCount(rows: 0, rowsPerSheet: 10) == 1)
        #expect(TablePlacement.sheetCount(rows: 21, rowsPerSheet: 10) == 3)
    }

    @Test func japanese_attribute_headers_keep_the_aws_name_and_notes_are_translated() throws {
        #expect(ReportLanguage.ja.attributeHeader("Name") == "名前 (Name)")
        #expect(ReportLanguage.ja.attributeHeader("InstalledTime", zone: .utc) == "インストール日時 (InstalledTime, UTC)")
        #expect(ReportLanguage.ja.attributeHeader("Size") == "サイズ (Size, バイト)")
        #expect(ReportLanguage.en.attributeHeader("Size") == "Size (bytes)")
        #expect(ReportLanguage.ja.attributeHeader("MyCustomField") == "MyCustomField")
        #expect(ReportLanguage.ja.kind(.statusChanged) == "ステータス変更")
        #expect(ReportLanguage.en.kind(.attributesAdded) == "attributes added")
        let note = "installed 2026-05-21T04:37:55Z, before the base snapshot: likely newly reported, not newly installed"
        #expect(ReportLanguage.ja.note(note).hasPrefix("インストール日時 2026-05-21T04:37:55Z"))
        #expect(ReportLanguage.en.note(note, zone: try ReportTimeZone.parse("+09:00")).contains("2026-05-21T13:37:55+09:00"))
        #expect(ReportLanguage.ja.note("12 rows; the base snapshot did not capture this type").hasPrefix("12 行"))
        #expect(ReportLanguage.ja.note("node not in the target snapshot") != "node not in the target snapshot")
    }
}
