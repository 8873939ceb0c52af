import InventoryModel

/// Decoders for the AWS Config shapes: get-resource-config-history, S3 snapshot and history
/// files, batch-get and select results, SNS / SQS / EventBridge / rule-event notifications and
/// bare configuration items.
struct ConfigCaptureDecoder {
    let context: CaptureContext

    private var file: String { context.displayPath }

    func item(_ value: JSONValue, path: String, payloadIncluded: Bool = true) throws(InventoryError)
        -> ConfigurationItem
    {
        guard let object = value.objectValue else {
            throw .invalidCapture(file: file, path: path, message: "expected a configuration item object, found \(value.kindName)")
        }
        do {
            var item = try ConfigurationItem(object, payloadIncluded: payloadIncluded)
            if item.accountId == nil { item.accountId = context.hints.accountId }
            if item.region == nil { item.region = context.hints.region }
            item.compact(known: context.knownGroups)
            return item
        } catch {
            throw .invalidCapture(file: file, path: "\(path).\(error.path)", message: error.message)
        }
    }

    /// `{configurationItems: […]}` from get-resource-config-history (API spelling) or an S3
    /// snapshot/history file (`fileVersion`, S3 spelling).
    func itemList(_ top: JSONObject, key: String, format: CaptureFormat) throws(InventoryError) -> DecodedCapture {
        guard let list = top[key]?.arrayValue else {
            throw .invalidCapture(file: file, path: "$.\(key)", message: "expected an array, found \(top[key]?.kindName ?? "nothing")")
        }
        var capture = DecodedCapture(format: format)
        capture.nextToken = nonEmpty(top["nextToken"]?.stringValue ?? top["NextToken"]?.stringValue)
        capture.pageGroup = format.rawValue
        for (index, element) in list.enumerated() {
            capture.configurationItems.append(try item(element, path: "$.\(key)[\(index)]"))
        }
        if let unprocessed = (top["unprocessedResourceKeys"] ?? top["UnprocessedResourceIdentifiers"])?.arrayValue,
            !unprocessed.isEmpty
        {
            capture.diagnostics.append(
                Diagnostic(file: file, "\(unprocessed.count) resource keys were not processed by Config and are missing"))
        }
        return capture
    }

    /// `select-resource-config` / `select-aggregate-resource-config`: `Results` are JSON strings.
    func select(_ top: JSONObject) throws(InventoryError) -> DecodedCapture {
        guard let results = top["Results"]?.arrayValue else {
            throw .invalidCapture(file: file, path: "$.Results", message: "expected an array")
        }
        var capture = DecodedCapture(format: .configSelect)
        capture.nextToken = nonEmpty(top["NextToken"]?.stringValue)
        capture.pageGroup = CaptureFormat.configSelect.rawValue
        var keyless = 0
        // The query's own field list says what each result carries; `SELECT *` means whole items.
        let selectFields = top["QueryInfo"]?.objectValue?["SelectFields"]?.arrayValue?
            .compactMap { $0.objectValue?["Name"]?.scalarText }
        for (index, element) in results.enumerated() {
            let decoded: JSONValue
            do { decoded = try JSONText.parseEmbedded(element) } catch {
                throw .invalidCapture(file: file, path: "$.Results[\(index)]", message: "embedded JSON: \(error)")
            }
            guard let object = decoded.objectValue,
                object["resourceType"]?.scalarText != nil, object["resourceId"]?.scalarText != nil
            else {
                keyless += 1
                continue
            }
            // Advanced query cannot return inventory content: a ManagedInstanceInventory result is
            // status-only and must not read as "no applications".
            let isInventory = object["resourceType"]?.scalarText == "AWS::SSM::ManagedInstanceInventory"
            var selected = try item(decoded, path: "$.Results[\(index)]", payloadIncluded: !isInventory)
            selected.selectedProperties = Self.selectedProperties(fields: selectFields, result: object)
            capture.configurationItems.append(selected)
        }
        if capture.configurationItems.isEmpty {
            throw .refused(
                file: file,
                reason: "select-resource-config results carry no resourceType/resourceId pairs (select both to store them)")
        }
        if keyless > 0 {
            capture.diagnostics.append(
                Diagnostic(file: file, jsonPath: "$.Results", "\(keyless) results without resourceType and resourceId skipped"))
        }
        return capture
    }

    /// The property paths a select result carries: the query's `SelectFields` when the file has
    /// them, else the paths of the result's own leaves (a result never says more than it holds);
    /// nil for `SELECT *`.
    static func selectedProperties(fields: [String]?, result: JSONObject) -> [String]? {
        if let fields, !fields.isEmpty {
            return fields.contains("*") ? nil : fields
        }
        var paths: [String] = []
        func walk(_ object: JSONObject, prefix: String) {
            for member in object.members {
                let path = prefix.isEmpty ? member.key : prefix + "." + member.key
                // Selections inside configuration and supplementaryConfiguration arrive nested
                // (`configuration.instanceType` as {"configuration":{"instanceType":…}}).
                let nested =
                    path.hasPrefix("configuration.") || path == "configuration"
                    || path.hasPrefix("supplementaryConfiguration")
                if nested, let inner = member.value.objectValue, !inner.isEmpty {
                    walk(inner, prefix: path)
                } else {
                    paths.append(path)
                }
            }
        }
        walk(result, prefix: "")
        return paths
    }

    /// A change-notification message body (`messageType`), as SNS delivers it in `Message`, as
    /// EventBridge puts it in `detail`, or as a rule's decoded `invokingEvent`.
    func message(_ body: JSONObject, format: CaptureFormat) throws(InventoryError) -> DecodedCapture {
        var capture = DecodedCapture(format: format)
        let messageType = body["messageType"]?.scalarText ?? ""
        if let ci = body["configurationItem"] {
            // 2014-era examples carry an array of items.
            let elements = ci.arrayValue ?? [ci]
            for (index, element) in elements.enumerated() where !element.isNull {
                capture.configurationItems.append(try item(element, path: "$.configurationItem[\(index)]"))
            }
            if capture.configurationItems.isEmpty {
                throw .refused(file: file, reason: "\(messageType) notification without a configuration item")
            }
            return capture
        }
        if let summary = body["configurationItemSummary"] {
            var summaryItem = try item(summary, path: "$.configurationItemSummary", payloadIncluded: false)
            let location = body["s3DeliverySummary"]?.objectValue?["s3BucketLocation"]?.scalarText
            summaryItem.s3Location = location
            capture.configurationItems.append(summaryItem)
            capture.diagnostics.append(
                Diagnostic(
                    file: file, jsonPath: "$.configurationItemSummary",
                    "oversized notification for \(summaryItem.resourceId): only the summary is stored; the full item is in S3"
                        + (location.map { " at \($0)" } ?? "")))
            return capture
        }
        let known = [
            "ConfigurationSnapshotDeliveryStarted", "ConfigurationSnapshotDeliveryCompleted",
            "ConfigurationSnapshotDeliveryFailed", "ConfigurationHistoryDeliveryCompleted",
            "ConfigurationHistoryDeliveryFailed", "ComplianceChangeNotification", "ConfigRulesEvaluationStarted",
            "ScheduledNotification",
        ]
        if known.contains(messageType) {
            throw .refused(file: file, reason: "\(messageType) is a delivery or compliance notice, not configuration data")
        }
        throw .unrecognisedFormat(file: file, detail: "notification with messageType '\(messageType)' and no configuration item")
    }
}
