import InventoryModel

/// How the diff identifies the elements of one list inside an AWS Config configuration item.
///
/// Config returns most lists in no particular order (security-group rules and their ranges,
/// policy statements, relationships), so a list is compared as a multiset unless a rule here
/// says otherwise: identical elements match wherever they stand, the rest are paired by the
/// rule's key (or a natural key such as `groupId`) and compared field by field, and what is left
/// is reported as elements added or removed.
public struct ListRule: Sendable, Hashable {
    /// How elements are identified.
    public enum Identity: Sendable, Hashable {
        /// Elements are matched by these member values (all of them; missing members count as empty).
        case keyed([String])
        /// Position matters: element *n* is compared with element *n* (argument vectors, layers).
        case ordered
        /// A list of `{key, value}` objects compared as a map from key to value (tags).
        case tagMap
        /// Documented multiset of scalars or objects with no key (the default for every list).
        case set
    }

    /// How a keyed element is named in a change (`[groupId=sg-…]`, `[tcp 443]`).
    public enum Label: Sendable, Hashable {
        /// `name=value` for each key member, joined by commas.
        case keyValues
        /// A security-group rule: protocol and port range (`tcp 443`, `tcp 8000-8100`, `all`, `icmp type 8`).
        case portRange
    }

    /// Config resource type (`AWS::EC2::SecurityGroup`), or `*` for every type.
    public var resourceType: String
    /// Where the list is: a property path from the item (`configuration.ipPermissions`), `[]`
    /// standing for "each element of a list" (`configuration.ipPermissions[].ipv4Ranges`). A
    /// leading `**.` matches at any depth (`**.Statement` is every policy's statements).
    public var path: String
    public var identity: Identity
    public var label: Label
    /// Where one fact can be recorded twice: elements of different lists with the same reference
    /// that are added (or removed) together are reported once. `item`: anywhere in the item (a
    /// resource id: a volume in `blockDeviceMappings` and in `relationships`); `sibling`: only
    /// among lists of the same parent element (a CIDR in a rule's `ipRanges` and `ipv4Ranges`).
    public enum ReferenceScope: Sendable, Hashable { case item, sibling }

    /// A member of each element (dotted path; `.` for a scalar element itself) naming what the
    /// element stands for, when it is not the key itself. Keyed elements whose key is an AWS
    /// resource id (`sg-…`, `eni-…`, an ARN) refer to that resource without a rule saying so.
    public var reference: String?
    public var referenceScope: ReferenceScope
    /// Why, for `inventory diff --help`.
    public var why: String

    public init(
        _ resourceType: String, _ path: String, _ identity: Identity, label: Label = .keyValues, reference: String? = nil,
        referenceScope: ReferenceScope = .item, why: String
    ) {
        self.resourceType = resourceType
        self.path = path
        self.identity = identity
        self.label = label
        self.reference = reference
        self.referenceScope = referenceScope
        self.why = why
    }

    /// Whether the rule applies to the list at `shape` (a path with `[]` for list elements).
    public func matches(shape: String) -> Bool {
        if path.hasPrefix("**.") {
            let tail = String(path.dropFirst(3))
            return shape == tail || shape.hasSuffix("." + tail)
        }
        return shape == path
    }
}

/// The identity rules of the Config diff, as data: add a row to teach the diff a new list.
/// `inventory diff --help` prints them.
public enum DiffRules {
    /// Every list rule; the first rule that matches a list's type and path wins, rules for the
    /// exact type before `*` ones.
    public static let lists: [ListRule] = [
        // Security groups: AWS groups ranges by (protocol, port range); every list comes back in
        // any order (puppetlabs-aws #38, inspec #3602, cloud-custodian #1221).
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissions", .keyed(["ipProtocol", "fromPort", "toPort"]),
            label: .portRange, why: "inbound rules by protocol and port range"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissionsEgress", .keyed(["ipProtocol", "fromPort", "toPort"]),
            label: .portRange, why: "outbound rules by protocol and port range"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissions[].ipv4Ranges", .keyed(["cidrIp"]), reference: "cidrIp",
            referenceScope: .sibling, why: "IPv4 ranges by CIDR; a CIDR also in ipRanges is reported once"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissionsEgress[].ipv4Ranges", .keyed(["cidrIp"]), reference: "cidrIp",
            referenceScope: .sibling, why: "IPv4 ranges by CIDR; a CIDR also in ipRanges is reported once"),
        ListRule("AWS::EC2::SecurityGroup", "configuration.ipPermissions[].ipv6Ranges", .keyed(["cidrIpv6"]), why: "IPv6 ranges by CIDR"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissionsEgress[].ipv6Ranges", .keyed(["cidrIpv6"]), why: "IPv6 ranges by CIDR"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissions[].ipRanges", .set, reference: ".", referenceScope: .sibling,
            why: "CIDR strings as a set"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissionsEgress[].ipRanges", .set, reference: ".", referenceScope: .sibling,
            why: "CIDR strings as a set"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissions[].prefixListIds", .keyed(["prefixListId"]),
            why: "prefix lists by id"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissionsEgress[].prefixListIds", .keyed(["prefixListId"]),
            why: "prefix lists by id"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissions[].userIdGroupPairs", .keyed(["groupId"]),
            why: "referenced groups by group id"),
        ListRule(
            "AWS::EC2::SecurityGroup", "configuration.ipPermissionsEgress[].userIdGroupPairs", .keyed(["groupId"]),
            why: "referenced groups by group id"),
        // IAM: inline policies by name, attached policies by ARN, versions by id (config-db #126, #604).
        ListRule("AWS::IAM::Role", "configuration.rolePolicyList", .keyed(["policyName"]), why: "inline policies by name"),
        ListRule("AWS::IAM::User", "configuration.userPolicyList", .keyed(["policyName"]), why: "inline policies by name"),
        ListRule("AWS::IAM::Group", "configuration.groupPolicyList", .keyed(["policyName"]), why: "inline policies by name"),
        ListRule("*", "configuration.attachedManagedPolicies", .keyed(["policyArn"]), why: "attached policies by ARN"),
        ListRule("AWS::IAM::Policy", "configuration.policyVersionList", .keyed(["versionId"]), why: "policy versions by id"),
        ListRule(
            "AWS::IAM::Role", "configuration.instanceProfileList", .keyed(["instanceProfileName"]),
            why: "instance profiles by name"),
        ListRule("*", "**.Statement", .keyed(["Sid"]), why: "policy statements by Sid when they have one, else as a set"),
        // EC2 instances.
        ListRule(
            "AWS::EC2::Instance", "configuration.blockDeviceMappings", .keyed(["deviceName"]), reference: "ebs.volumeId",
            why: "block devices by device name"),
        ListRule(
            "AWS::EC2::Instance", "configuration.networkInterfaces", .keyed(["networkInterfaceId"]),
            why: "network interfaces by id"),
        ListRule("*", "configuration.securityGroups", .keyed(["groupId"]), why: "security groups by id"),
        ListRule("*", "configuration.networkInterfaces[].groups", .keyed(["groupId"]), why: "an interface's groups by id"),
        ListRule(
            "*", "configuration.networkInterfaces[].privateIpAddresses", .keyed(["privateIpAddress"]),
            why: "private addresses by address"),
        // Network ACLs and route tables.
        ListRule(
            "AWS::EC2::NetworkAcl", "configuration.entries", .keyed(["ruleNumber", "egress"]), why: "entries by rule number and direction"),
        ListRule(
            "AWS::EC2::RouteTable", "configuration.routes", .keyed(["destinationCidrBlock"]),
            why: "routes by destination (others as a set)"),
        ListRule(
            "AWS::EC2::RouteTable", "configuration.associations", .keyed(["routeTableAssociationId"]),
            why: "associations by id"),
        // Order means something here.
        ListRule("AWS::Lambda::Function", "configuration.layers", .ordered, why: "layers apply in order"),
        ListRule("*", "**.command", .ordered, why: "argument vectors keep their order"),
        ListRule("*", "**.entryPoint", .ordered, why: "argument vectors keep their order"),
        // Every item.
        ListRule("*", "relationships", .keyed(["resourceId"]), why: "relationships by related resource id"),
        ListRule("*", "**.tags", .tagMap, why: "tag lists as key → value (reported once with the item's tags)"),
        ListRule("*", "**.Tags", .tagMap, why: "tag lists as key → value"),
        ListRule("*", "**.tagSet", .tagMap, why: "tag lists as key → value"),
        ListRule("*", "**.TagSet", .tagMap, why: "tag lists as key → value"),
        ListRule("*", "**.TagList", .tagMap, why: "tag lists as key → value"),
    ]

    /// The rule for the list at `shape` (`configuration.ipPermissions[].ipRanges`) of a resource
    /// type: the type's own rules first, then those for every type; nil when none applies.
    public static func rule(resourceType: String, shape: String) -> ListRule? {
        lists.first { $0.resourceType == resourceType && $0.matches(shape: shape) }
            ?? lists.first { $0.resourceType == "*" && $0.matches(shape: shape) }
    }

    /// The rules as `inventory diff --help` prints them, one a line.
    public static var helpLines: [String] {
        lists.map { rule in
            let how: String
            switch rule.identity {
            case .keyed(let keys): how = "by " + keys.joined(separator: " + ")
            case .ordered: how = "in order"
            case .tagMap: how = "as key → value"
            case .set: how = "as a set"
            }
            return "\(rule.resourceType) \(rule.path): \(how) (\(rule.why))"
        }
            + [
                "other lists: as multisets; objects by a natural key (groupId, key, id, name, …) when every element has a unique one",
                "JSON in strings and URL-encoded policy documents are decoded before comparing",
            ]
    }

    /// The rules of one resource type, with lookups memoised per list path.
    final class Lookup: @unchecked Sendable {
        private let rules: [ListRule]
        private var cache: [String: ListRule?] = [:]

        init(resourceType: String) {
            rules =
                DiffRules.lists.filter { $0.resourceType == resourceType }
                + DiffRules.lists.filter { $0.resourceType == "*" }
        }

        /// The rule for the list at `shape`, if any. Not thread-safe: one lookup per diff of one item type.
        func rule(for shape: String) -> ListRule? {
            if let known = cache[shape] { return known }
            let found = rules.first { $0.matches(shape: shape) }
            cache[shape] = found
            return found
        }
    }

    /// Names a keyed element: `groupId=sg-0123`, or for security-group rules `tcp 443`.
    static func label(of element: JSONObject, keys: [String], style: ListRule.Label) -> String {
        switch style {
        case .keyValues:
            return keys.map { "\($0)=\(keyText(element[$0]))" }.joined(separator: ",")
        case .portRange:
            var proto = keyText(element["ipProtocol"])
            if proto == "-1" || proto.isEmpty { return "all" }
            let from = keyText(element["fromPort"])
            let to = keyText(element["toPort"])
            if proto == "icmp" || proto == "icmpv6" || proto == "1" || proto == "58" {
                if proto == "1" { proto = "icmp" }
                if proto == "58" { proto = "icmpv6" }
                var text = proto
                if !from.isEmpty, from != "-1" { text += " type \(from)" }
                if !to.isEmpty, to != "-1" { text += " code \(to)" }
                return text
            }
            if from.isEmpty && to.isEmpty || from == "-1" && to == "-1" { return proto }
            if from == to || to.isEmpty { return "\(proto) \(from)" }
            return "\(proto) \(from)-\(to)"
        }
    }

    /// A key member's text: numbers in one spelling (`443` and `443.0` are one port).
    static func keyText(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if case .number(let lexeme) = value { return ConfigurationValues.numberText(lexeme) }
        return value.scalarText ?? value.canonicalJSON()
    }
}
