import Foundation
import InventoryModel
import SnapshotStore

/// Fields that change without a real change (DESIGN.md "noise rules"), ignored by the diff unless
/// `--include-noise`. A rule is `TYPE.FIELD`; `*` as TYPE matches every type; names match
/// ignoring case.
public struct NoiseRules: Sendable {
    /// The defaults, printed by `inventory diff --help`.
    public static let defaults: [String] = [
        "*.CaptureTime", "*.ContentHash", "*.configurationItemCaptureTime", "*.configurationStateId",
        "*.configurationItemMD5Hash", "*.configurationStateMd5Hash", "*.relatedEvents",
        "*.configurationItemDeliveryTime", "*.configurationItemVersion", "*.PingStatus", "*.LastPingDateTime",
        "*.LastPingTime",
        // Compliance scans: every scan writes a new execution id and time, whether or not any
        // patch or association changed state (FORMATS.md §5 context attributes).
        "AWS:ComplianceItem.ExecutionId", "AWS:ComplianceItem.ExecutionTime", "AWS:ComplianceItem.ExecutionType",
        "AWS:ComplianceSummary.ExecutionId", "AWS:ComplianceSummary.ExecutionTime", "AWS:ComplianceSummary.ExecutionType",
        "AWS:PatchSummary.ExecutionId", "AWS:PatchSummary.SnapshotId", "AWS:PatchSummary.OperationStartTime",
        "AWS:PatchSummary.OperationEndTime",
    ]

    private var rules: [(type: String, field: String)]
    /// Answers per (type, field), so the per-attribute check is a dictionary lookup.
    private let cache = NoiseCache()

    /// Rules from `TYPE.FIELD` texts; the type part may itself contain dots (`AWS::EC2::Instance.tags.Name`
    /// is type `AWS::EC2::Instance`, field `tags.Name`), so the type is matched against known prefixes.
    public init(includeDefaults: Bool, extra: [String]) {
        var rules: [(String, String)] = []
        for text in (includeDefaults ? Self.defaults : []) + extra {
            rules.append(Self.split(text))
        }
        self.rules = rules
    }

    static func split(_ text: String) -> (String, String) {
        // Inventory types have no dots (AWS:Application); Config types use "::" and no dots either.
        guard let dot = text.firstIndex(of: ".") else { return ("*", text.lowercased()) }
        return (String(text[..<dot]).lowercased(), String(text[text.index(after: dot)...]).lowercased())
    }

    /// Whether `field` of `typeName` is ignored. A rule for `configuration` also covers
    /// `configuration.x.y`.
    public func ignores(typeName: String, field: String) -> Bool {
        let key = typeName + "\u{0}" + field
        if let known = cache.get(key) { return known }
        let answer = evaluate(typeName: typeName, field: field)
        cache.set(key, answer)
        return answer
    }

    private func evaluate(typeName: String, field: String) -> Bool {
        let type = typeName.lowercased()
        let name = field.lowercased()
        let last = name.split(separator: ".").last.map(String.init) ?? name
        for rule in rules where rule.type == "*" || rule.type == type {
            if rule.field == name || rule.field == last || name.hasPrefix(rule.field + ".") || name.hasPrefix(rule.field + "[") {
                return true
            }
        }
        return false
    }
}

/// Memo of noise answers; a diff asks the same few (type, field) pairs millions of times.
final class NoiseCache: @unchecked Sendable {
    private var answers: [String: Bool] = [:]
    private let lock = NSLock()

    func get(_ key: String) -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        return answers[key]
    }

    func set(_ key: String, _ value: Bool) {
        lock.lock()
        defer { lock.unlock() }
        answers[key] = value
    }
}
