import InventoryModel
import SnapshotStore

/// One difference between two snapshots, in the shape of DESIGN.md's JSON contract.
public struct Change: Sendable, Hashable, Codable {
    /// What kind of difference.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A row or resource present only in the target snapshot.
        case added
        /// A row present only in the base snapshot, of a type captured in both.
        case removed
        /// The same row or resource (same identity key) with different values.
        case changed
        /// Attributes that appear for the first time on an otherwise unchanged row (schema drift).
        case attributesAdded
        /// Identical rows whose count differs (a row listed twice, then once).
        case multiplicity
        /// A node or resource became Terminated / ResourceDeleted (reported once, not row by row).
        case statusChanged
        /// A node or type captured in the base but not in the target: unknown, not removed.
        case notCaptured
        /// A type captured for a known node for the first time: its rows are not news, so they
        /// are not reported one by one as added.
        case newlyCaptured
    }

    /// Whether a field reports a list element that appeared or disappeared (rather than a value
    /// that changed): `configuration.ipPermissions[tcp 443].ipRanges` + `192.0.2.0/24`.
    public enum ElementChange: String, Sendable, Hashable, Codable {
        case added, removed
    }

    /// A field's value before and after; nil means absent.
    public struct Field: Sendable, Hashable, Codable {
        /// Attribute name, or for Config items the path to the value (`configuration.instanceType`,
        /// `configuration.securityGroups[groupId=sg-…]`, `tags.Name`).
        public var name: String
        public var before: String?
        public var after: String?
        /// Set when the field is one element of a list (a set) that was added or removed; `before`
        /// or `after` then holds the element. JSON: `"element": "added"`, only when set.
        public var element: ElementChange?
        /// Where else the same fact is recorded in the item (`also in configuration.tags`,
        /// `also in relationships`). JSON: `"note"`, only when set.
        public var note: String?

        public init(name: String, before: String?, after: String?, element: ElementChange? = nil, note: String? = nil) {
            self.name = name
            self.before = before
            self.after = after
            self.element = element
            self.note = note
        }
    }

    /// Which way a package version moved on a changed row, by the node's platform ordering
    /// (rpm, dpkg, or dotted numbers for Windows and macOS). JSON: `"versionChange"`, only when set.
    public enum VersionChange: String, Sendable, Hashable, Codable {
        case upgrade, downgrade
    }

    public var change: Kind
    public var accountId: String?
    public var region: String?
    /// Managed node id, or the Config resource id.
    public var resourceId: String
    /// Inventory type (`AWS:Application`) or Config resource type (`AWS::EC2::Instance`).
    public var typeName: String
    /// The row's identity as people read it (`kernel / x86_64 / Amazon Linux / 6.1.90`), or the resource id.
    public var key: String
    public var fields: [Field]
    /// Why a change may not be what it seems (e.g. "installed before the base snapshot").
    public var note: String?
    /// The node's computer name (JSON `computerName`, omitted when unknown).
    public var computerName: String?
    /// For a changed row whose Version (Epoch, Release) changed: upgrade or downgrade; nil when
    /// the version did not change or the two versions order the same (`1.0` and `1.00`).
    public var versionChange: VersionChange?
    /// The inventory row as captured, attribute name → value (JSON `attributes`): the row added
    /// or removed, the target's row of a changed pair; nil for Config resources and whole types.
    public var attributes: [String: String]?

    public init(
        change: Kind, accountId: String?, region: String?, resourceId: String, typeName: String, key: String,
        fields: [Field] = [], note: String? = nil, computerName: String? = nil, versionChange: VersionChange? = nil
    ) {
        self.change = change
        self.accountId = accountId
        self.region = region
        self.resourceId = resourceId
        self.typeName = typeName
        self.key = key
        self.fields = fields
        self.note = note
        self.computerName = computerName
        self.versionChange = versionChange
    }

    enum CodingKeys: String, CodingKey {
        case change, accountId, region, resourceId, typeName, key, fields, note, versionChange, computerName, attributes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(change, forKey: .change)
        try container.encode(accountId ?? "", forKey: .accountId)
        try container.encode(region ?? "", forKey: .region)
        try container.encode(resourceId, forKey: .resourceId)
        try container.encode(typeName, forKey: .typeName)
        try container.encode(key, forKey: .key)
        try container.encode(fields, forKey: .fields)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encodeIfPresent(versionChange, forKey: .versionChange)
        try container.encodeIfPresent(computerName, forKey: .computerName)
        try container.encodeIfPresent(attributes, forKey: .attributes)
    }
}

/// Counts per kind, as `summary` in the JSON output.
public struct ChangeSummary: Sendable, Hashable, Codable {
    public var added = 0
    public var removed = 0
    public var changed = 0
    public var attributesAdded = 0
    public var multiplicity = 0
    public var statusChanged = 0
    public var notCaptured = 0
    public var newlyCaptured = 0

    public init() {}

    public init(_ changes: [Change]) {
        for change in changes {
            switch change.change {
            case .added: added += 1
            case .removed: removed += 1
            case .changed: changed += 1
            case .attributesAdded: attributesAdded += 1
            case .multiplicity: multiplicity += 1
            case .statusChanged: statusChanged += 1
            case .notCaptured: notCaptured += 1
            case .newlyCaptured: newlyCaptured += 1
            }
        }
    }

    /// Real changes: everything but `notCaptured` and `newlyCaptured` (knowledge gained or
    /// missing, not a change of the fleet).
    public var realChanges: Int { added + removed + changed + attributesAdded + multiplicity + statusChanged }
}

/// The result of comparing two snapshots.
public struct DiffResult: Sendable, Codable {
    public var base: SnapshotInfo
    public var target: SnapshotInfo
    public var summary: ChangeSummary
    /// Sorted by account, region, node or resource id, type, key.
    public var changes: [Change]

    /// True when something really changed (exit code 1).
    public var hasChanges: Bool { summary.realChanges > 0 }
}

extension DiffResult {
    /// A result from its parts, the summary counted from `changes` (tests render known results).
    package init(base: SnapshotInfo, target: SnapshotInfo, changes: [Change]) {
        self.init(base: base, target: target, summary: ChangeSummary(changes), changes: changes)
    }
}
