/// An AWS Config configuration item (CI) in one model, whichever spelling it arrived in: the
/// API's (`version`, `accountId`, `arn`, `relationshipName`, string state id), the S3/SNS one
/// (`configurationItemVersion`, `awsAccountId`, `ARN`, `name`, numeric state id) or a hybrid.
public struct ConfigurationItem: Sendable {
    public struct Relationship: Sendable, Hashable {
        public var resourceType: String?
        public var resourceId: String?
        public var resourceName: String?
        /// `relationshipName` (API) or `name` (S3/SNS); the trailing space AWS sends is kept.
        public var name: String?
    }

    public var version: String?
    public var accountId: String?
    public var region: String?
    public var availabilityZone: String?
    public var resourceType: String
    public var resourceId: String
    public var resourceName: String?
    public var arn: String?
    /// `configurationItemStatus`: `OK`, `ResourceDiscovered`, `ResourceDeleted`, … (unknown values pass through).
    public var status: String?
    public var captureTime: Timestamp?
    /// `configurationStateId` as text (epoch milliseconds in current CIs).
    public var configurationStateId: String?
    public var resourceCreationTime: Timestamp?
    /// The resource's configuration, decoded from its JSON string where the API sent one; nil when
    /// absent or null (deleted and not-recorded items).
    public var configuration: JSONValue?
    /// The configuration as canonical JSON (sorted keys), filled by `compact()`.
    public var configurationText: String?
    /// Inventory rows the configuration carries (ManagedInstanceInventory and the compliance
    /// types), filled by `compact()`.
    public var inventoryGroups: [PreparedGroup] = []
    /// For an item with inventory rows: its configuration with each inventory type's `Content`
    /// and `CaptureTime` set to null, filled by `compact()` instead of `configurationText`. The
    /// store keeps the rows once; readers put content and capture time back from them.
    public var inventorySkeleton: String?
    /// `supplementaryConfiguration`, values that arrived as JSON text decoded once.
    public var supplementaryConfiguration: JSONObject?
    public var tags: [String: String]
    public var relationships: [Relationship]
    /// False for oversized-notification summaries: the full item is in S3, not in this file.
    public var payloadIncluded: Bool
    /// For summaries: where Config put the full item (`bucket/key.json.gz`).
    public var s3Location: String?
    /// For partial items (`select-resource-config` / `select-aggregate-resource-config` results):
    /// the property paths the item carries, as Config names them (`configuration.instanceType`,
    /// `tags`, `resourceName`); nil for a whole item. A property outside these is unknown, not
    /// absent, so the diff compares only what both sides carry.
    public var selectedProperties: [String]?

    /// Reads a CI object in any spelling. Throws a message (the caller adds file and path) when
    /// the item has no resource type or id.
    public init(_ object: JSONObject, payloadIncluded: Bool = true) throws(CaptureShapeError) {
        func text(_ keys: String...) -> String? {
            for key in keys {
                if let value = object[key]?.scalarText { return value }
            }
            return nil
        }
        func time(_ key: String) -> Timestamp? {
            guard let value = object[key], !value.isNull else { return nil }
            return Timestamp.parse(value)
        }
        guard let resourceType = text("resourceType", "ResourceType"), !resourceType.isEmpty else {
            throw CaptureShapeError(path: "resourceType", message: "configuration item has no resourceType")
        }
        guard let resourceId = text("resourceId", "ResourceId"), !resourceId.isEmpty else {
            throw CaptureShapeError(path: "resourceId", message: "configuration item has no resourceId")
        }
        self.resourceType = resourceType
        self.resourceId = resourceId
        version = text("version", "configurationItemVersion")
        accountId = text("accountId", "awsAccountId", "AccountId")
        region = text("awsRegion", "AwsRegion", "region")
        availabilityZone = text("availabilityZone", "availibilityZone")
        resourceName = text("resourceName", "ResourceName")
        arn = text("arn", "ARN")
        status = text("configurationItemStatus")
        captureTime = time("configurationItemCaptureTime")
        configurationStateId = text("configurationStateId", "configurationStateID")
        resourceCreationTime = time("resourceCreationTime")
        self.payloadIncluded = payloadIncluded
        s3Location = nil
        selectedProperties = nil

        if let raw = object["configuration"] {
            let decoded = JSONText.decodeEmbedded(raw, repeatedly: true)
            configuration = decoded.isNull ? nil : decoded
        } else {
            configuration = nil
        }
        if let supplementary = object["supplementaryConfiguration"]?.objectValue {
            var members: [JSONObject.Member] = []
            for member in supplementary.members {
                members.append(.init(key: member.key, value: JSONText.decodeEmbedded(member.value, repeatedly: false)))
            }
            supplementaryConfiguration = JSONObject(members: members)
        } else {
            supplementaryConfiguration = nil
        }
        var tags: [String: String] = [:]
        if let tagObject = object["tags"]?.objectValue {
            for member in tagObject.members { tags[member.key] = member.value.scalarText ?? member.value.compactJSON() }
        } else if let tagArray = object["tags"]?.arrayValue {
            for element in tagArray {
                guard let tag = element.objectValue,
                    let key = tag.value(forKeyIgnoringCase: "key")?.scalarText
                else { continue }
                tags[key] = tag.value(forKeyIgnoringCase: "value")?.scalarText ?? ""
            }
        }
        self.tags = tags
        var relationships: [Relationship] = []
        for element in object["relationships"]?.arrayValue ?? [] {
            guard let relation = element.objectValue else { continue }
            relationships.append(
                Relationship(
                    resourceType: relation["resourceType"]?.scalarText,
                    resourceId: relation["resourceId"]?.scalarText,
                    resourceName: relation["resourceName"]?.scalarText,
                    name: relation["relationshipName"]?.scalarText ?? relation["name"]?.scalarText))
        }
        self.relationships = relationships
    }

    /// Replaces the parsed configuration tree by its canonical text and its inventory rows, so a
    /// large snapshot file does not keep every tree in memory.
    /// - Parameter known: content the store already holds; its rows are not built again.
    public mutating func compact(known: KnownGroups = KnownGroups()) {
        inventoryGroups = ManagedInstanceInventory.preparedGroups(of: self, known: known)
        // Inventory content is compared row by row, so its configuration text need not be sorted
        // (sorting a whole fleet's inventory was a fifth of ingest time); other resources are
        // compared by path and kept canonical.
        if inventoryGroups.isEmpty {
            configurationText = configuration?.canonicalJSON()
        } else if let object = configuration?.objectValue {
            let skeleton = JSONValue.object(ManagedInstanceInventory.skeleton(of: object)).compactJSON()
            // Only when the rows give the configuration back; else its text is kept as before v4.
            if InventoryConfiguration.isLossless(object) {
                inventorySkeleton = skeleton
            } else {
                configurationText = configuration?.compactJSON()
            }
        }
        configuration = nil
    }

    /// Whether the item carried a configuration (deleted and not-recorded items do not).
    public var hasConfiguration: Bool { configuration != nil || configurationText != nil || inventorySkeleton != nil }

    /// Status values meaning the resource no longer exists.
    public var isDeleted: Bool {
        guard let status else { return false }
        return status == "ResourceDeleted" || status == "ResourceDeletedNotRecorded" || status == "Deleted"
    }

    /// The managed node a `AWS::SSM::*` inventory or compliance CI describes (`i-…`/`mi-…`), if any.
    public var managedNodeId: String? {
        switch resourceType {
        case "AWS::SSM::ManagedInstanceInventory", "AWS::SSM::PatchCompliance", "AWS::SSM::AssociationCompliance":
            let tail = resourceId.split(separator: "/").last.map(String.init) ?? resourceId
            return tail.isEmpty ? nil : tail
        default:
            return nil
        }
    }

    /// Where this item falls among the items of its resource; see ``ConfigurationItemRecency``.
    public var recency: ConfigurationItemRecency {
        ConfigurationItemRecency(captureTime: captureTime, configurationStateId: configurationStateId)
    }
}

/// The one rule for "which configuration item of a resource is newer", used wherever items of
/// one resource compete (history files, overlapping snapshots): capture time first, then the
/// state id as a number. A missing capture time, or a state id that is missing or not an
/// integer, sorts before every real value, so an item that has one wins over an item that
/// does not. Equal recency is not "newer": the item seen first is kept.
public struct ConfigurationItemRecency: Sendable, Comparable {
    /// Capture time in epoch milliseconds; `Int64.min` when absent.
    public var captureMilliseconds: Int64
    /// `configurationStateId` as an integer; `Int64.min` when absent or not numeric.
    public var stateId: Int64

    /// The recency of an item with these fields.
    public init(captureTime: Timestamp?, configurationStateId: String?) {
        captureMilliseconds = captureTime?.epochMilliseconds ?? Int64.min
        stateId = configurationStateId.flatMap { Int64($0) } ?? Int64.min
    }

    /// Older capture time first; the state id breaks a tie.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.captureMilliseconds, lhs.stateId) < (rhs.captureMilliseconds, rhs.stateId)
    }
}

/// A field of a recognised capture has the wrong shape; `path` is a JSON path inside the file.
public struct CaptureShapeError: Error, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
