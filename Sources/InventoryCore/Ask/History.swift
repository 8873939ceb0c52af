import InventoryDiff
import InventoryModel
import InventoryReport
import SnapshotStore

/// `inventory history`: every change of the matching rows across consecutive stored snapshots,
/// oldest first, each in the snapshot where it was first seen. Each consecutive pair is compared
/// as `diff` compares it; node and type pairs whose content fingerprint did not change are skipped
/// without reading their rows.
public struct History: AskAnswer {
    /// One change, in the snapshot where it was first seen.
    public struct Event: Codable, Sendable, Hashable {
        /// The snapshot where the change was first seen, and the one before it.
        public var snapshot: AskSnapshot
        public var previous: AskSnapshot
        public var change: Change.Kind
        public var accountId: String?
        public var region: String?
        /// Managed node id, or the Config resource id.
        public var resourceId: String
        public var computerName: String?
        public var typeName: String
        public var key: String
        /// The row or values before and after, as one line each (empty when absent).
        public var before: String
        public var after: String
        public var fields: [Change.Field]
        public var versionChange: Change.VersionChange?
    }

    /// The snapshots walked, oldest first.
    public var snapshots: [AskSnapshot]
    public var events: [Event]

    /// What `history` looks at.
    public struct Query: Sendable {
        public var scope = AskScope()
        /// `Name` pattern with `*` and `?` (ignoring case); Config items match by resource id.
        public var name: String?
        /// First and last snapshot of the walk (default: the first and the latest).
        public var since: String?
        public var until: String?

        public init() {}
    }

    public static func run(store: InventoryStore, query: Query) throws(InventoryError) -> History {
        try store.consistently { () throws(InventoryError) -> History in
            let all = try store.snapshots()
            guard !all.isEmpty else {
                _ = try store.resolve("latest")
                return History(snapshots: [], events: [])
            }
            let first = try query.since.map { reference throws(InventoryError) in try store.resolve(reference) } ?? all[0]
            let last = try query.until.map { reference throws(InventoryError) in try store.resolve(reference) } ?? all[all.count - 1]
            guard let from = all.firstIndex(where: { $0.id == first.id }), let to = all.firstIndex(where: { $0.id == last.id }) else {
                return History(snapshots: [], events: [])
            }
            guard from <= to else {
                throw .invalidArgument(message: "--since #\(first.id) was captured after --until #\(last.id)")
            }
            let walked = Array(all[from...to])
            let options = try query.scope.resolved(store: store, snapshots: walked)
            let name = query.name.map(NamePattern.init)
            let diff = SnapshotDiff(store: store, options: options)
            var events: [Event] = []
            for index in walked.indices.dropFirst() {
                let result = try diff.run(base: walked[index - 1], target: walked[index])
                for change in result.changes {
                    if let name, !name.matches(Self.name(of: change)) { continue }
                    events.append(Self.event(change, snapshot: walked[index], previous: walked[index - 1]))
                }
            }
            return History(snapshots: walked.map(AskSnapshot.init), events: events)
        }
    }

    /// The name a pattern matches: the row's `Name`, else the first part of its key; a Config item's id.
    static func name(of change: Change) -> String {
        if let attributes = change.attributes, let name = IdentityKey.value("Name", in: attributes) { return name }
        return change.key.components(separatedBy: " / ").first ?? change.key
    }

    static func event(_ change: Change, snapshot: SnapshotInfo, previous: SnapshotInfo) -> Event {
        var before = ""
        var after = ""
        let version = change.attributes.flatMap(RowFind.versionText)
        let versionFields: Set<String> = ["version", "release", "epoch"]
        switch change.change {
        case .added: after = version ?? "present"
        case .removed: before = version ?? "present"
        case .notCaptured:
            before = "captured"
            after = "not captured"
        case .newlyCaptured:
            before = "not captured"
            after = "captured"
        case .changed where change.fields.contains { versionFields.contains($0.name.lowercased()) }:
            // A version change reads as the two versions, whatever else changed with it.
            guard let attributes = change.attributes else { fallthrough }
            var old = attributes
            for field in change.fields { old[field.name] = field.before }
            before = RowFind.versionText(old) ?? ""
            after = RowFind.versionText(attributes) ?? ""
        default:
            before = change.fields.compactMap { field in field.before.map { "\(field.name)=\($0)" } }.joined(separator: ", ")
            after = change.fields.compactMap { field in field.after.map { "\(field.name)=\($0)" } }.joined(separator: ", ")
            // One field reads best without its name: 3.0.8 → 3.0.15.
            if change.fields.count == 1, let field = change.fields.first {
                before = field.before ?? ""
                after = field.after ?? ""
            }
        }
        return Event(
            snapshot: AskSnapshot(snapshot), previous: AskSnapshot(previous), change: change.change, accountId: change.accountId,
            region: change.region, resourceId: change.resourceId, computerName: change.computerName, typeName: change.typeName,
            key: change.key, before: before, after: after, fields: change.fields, versionChange: change.versionChange)
    }

    static let header = ["SNAPSHOT", "TAKEN AT", "NODE", "COMPUTER NAME", "TYPE", "CHANGE", "ROW", "BEFORE → AFTER"]

    /// The events as table rows (text, the Timeline sheet).
    public var rows: [[String]] {
        events.map { event in
            let kind = event.change.rawValue + (event.versionChange.map { " (\($0.rawValue))" } ?? "")
            let values =
                event.before.isEmpty && event.after.isEmpty ? "" : "\(event.before.nonEmpty ?? "-") → \(event.after.nonEmpty ?? "-")"
            return [
                "#\(event.snapshot.id)" + (event.snapshot.label.map { " \($0)" } ?? ""), event.snapshot.takenAt ?? "-",
                event.resourceId, event.computerName ?? "-", event.typeName, kind, event.key, values,
            ]
        }
    }

    public var textBlocks: [AskBlock] { events.isEmpty ? [] : [AskBlock(rows: [Self.header] + rows)] }

    public var csvRows: [[String]] {
        [
            [
                "snapshot_id", "snapshot_label", "taken_at", "previous_snapshot_id", "change", "account_id", "region", "resource_id",
                "computer_name", "type_name", "key", "before", "after", "version_change",
            ]
        ]
            + events.map { event in
                [
                    "\(event.snapshot.id)", event.snapshot.label ?? "", event.snapshot.takenAt ?? "", "\(event.previous.id)",
                    event.change.rawValue, event.accountId ?? "", event.region ?? "", event.resourceId, event.computerName ?? "",
                    event.typeName, event.key, event.before, event.after, event.versionChange?.rawValue ?? "",
                ]
            }
    }

    public var emptyText: String {
        snapshots.count < 2
            ? "no history: \(snapshots.count) snapshot in the range"
            : "no changes across \(snapshots.count) snapshots (\(snapshots[0].text) → \(snapshots[snapshots.count - 1].text))"
    }

    /// The Timeline sheet `export --history` adds: the same events as `history` over every snapshot.
    public func timelineTable(language: ReportLanguage) -> ReportTable {
        let columns = [
            "Snapshot", "Taken at (UTC)", "Account ID", "Region", "Node ID", "Computer name", "Type", "Kind", "Key", "Before", "After",
        ]
        return ReportTable(
            name: language.text("Timeline"), columns: columns.map { language.text($0) },
            rows: events.map { event in
                [
                    "#\(event.snapshot.id)" + (event.snapshot.label.map { " \($0)" } ?? ""), event.snapshot.takenAt ?? "",
                    event.accountId ?? "", event.region ?? "", event.resourceId, event.computerName ?? "", event.typeName,
                    language.kind(event.change), event.key, event.before, event.after,
                ]
            })
    }

    /// `options` with the Timeline sheet when `timeline` is true (`export --history`).
    public static func adding(_ timeline: Bool, to options: ExportOptions, store: InventoryStore, until: SnapshotInfo)
        throws(InventoryError) -> ExportOptions
    {
        guard timeline else { return options }
        var options = options
        options.extraTable = try self.timeline(store: store, until: until, language: options.language)
        return options
    }

    /// `history` from the first stored snapshot to `until` (the exported one), as the Timeline sheet.
    public static func timeline(store: InventoryStore, until: SnapshotInfo, language: ReportLanguage) throws(InventoryError) -> ReportTable
    {
        var query = Query()
        query.until = "\(until.id)"
        return try run(store: store, query: query).timelineTable(language: language)
    }
}
