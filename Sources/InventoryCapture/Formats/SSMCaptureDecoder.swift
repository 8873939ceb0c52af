import InventoryModel

/// Decoders for the Systems Manager shapes: get-inventory, list-inventory-entries, Resource Data
/// Sync JSON lines, custom inventory files, put-inventory items and describe-instance-information.
struct SSMCaptureDecoder {
    let context: CaptureContext

    private var file: String { context.displayPath }

    private func shapeError(_ path: String, _ message: String) -> InventoryError {
        .invalidCapture(file: file, path: path, message: message)
    }

    /// `aws ssm get-inventory` (FORMATS.md §1); aggregated results are refused.
    func getInventory(_ top: JSONObject) throws(InventoryError) -> DecodedCapture {
        guard let entities = top["Entities"]?.arrayValue else {
            throw shapeError("$.Entities", "expected an array, found \(top["Entities"]?.kindName ?? "nothing")")
        }
        var capture = DecodedCapture(format: .ssmGetInventory)
        capture.nextToken = nonEmpty(top["NextToken"]?.stringValue)
        capture.pageGroup = "ssm-get-inventory"
        var aggregated = false
        for (index, element) in entities.enumerated() {
            guard let entity = element.objectValue else {
                throw shapeError("$.Entities[\(index)]", "expected an object, found \(element.kindName)")
            }
            let data = entity["Data"]?.objectValue ?? JSONObject()
            if entity["Data"] != nil, entity["Data"]?.objectValue == nil {
                throw shapeError("$.Entities[\(index)].Data", "expected an object, found \(entity["Data"]?.kindName ?? "")")
            }
            // The API reference sample puts "Id" inside Data; tolerate it.
            guard let nodeId = entity["Id"]?.scalarText ?? data["Id"]?.scalarText else {
                aggregated = true
                continue
            }
            var observation = NodeObservation(nodeId: nodeId)
            observation.accountId = context.hints.accountId
            observation.region = context.hints.region
            capture.nodes.append(observation)
            for member in data.members {
                guard let item = member.value.objectValue else { continue }
                let typeName = item["TypeName"]?.stringValue ?? member.key
                let content = item["Content"] ?? .array([])
                let (rows, skipped) = ContentRows.rows(of: content)
                if rows.contains(where: {
                    $0.attributes["Count"] != nil || $0.attributes["matchingCount"] != nil
                        || $0.attributes["notMatchingCount"] != nil
                }), item["TypeName"] == nil {
                    aggregated = true
                }
                if skipped > 0 {
                    capture.diagnostics.append(
                        Diagnostic(
                            file: file, jsonPath: "$.Entities[Id=\(nodeId)].Data.\(member.key).Content",
                            "\(skipped) non-object rows skipped in \(nodeId) \(typeName)"))
                }
                capture.groups.append(
                    InventoryGroup(
                        nodeId: nodeId, typeName: typeName, schemaVersion: item["SchemaVersion"]?.scalarText,
                        captureTime: item["CaptureTime"].flatMap(Timestamp.parse), accountId: context.hints.accountId,
                        region: context.hints.region, rows: rows))
            }
        }
        if aggregated {
            throw InventoryError.refused(
                file: file,
                reason: "aggregated get-inventory output (--aggregators): counts per group, not per-node inventory")
        }
        return capture
    }

    /// `aws ssm list-inventory-entries` (FORMATS.md §2): one node, one type, one page.
    func listInventoryEntries(_ top: JSONObject) throws(InventoryError) -> DecodedCapture {
        guard let nodeId = top["InstanceId"]?.scalarText, !nodeId.isEmpty else {
            throw shapeError("$.InstanceId", "expected a managed node id")
        }
        guard let typeName = top["TypeName"]?.scalarText, !typeName.isEmpty else {
            throw shapeError("$.TypeName", "expected an inventory type name")
        }
        guard let entries = top["Entries"], entries.arrayValue != nil || entries.isNull else {
            throw shapeError("$.Entries", "expected an array, found \(top["Entries"]?.kindName ?? "nothing")")
        }
        var capture = DecodedCapture(format: .ssmListInventoryEntries)
        capture.nextToken = nonEmpty(top["NextToken"]?.stringValue)
        capture.pageGroup = "ssm-list-inventory-entries:\(nodeId):\(typeName)"
        let (rows, skipped) = ContentRows.rows(of: entries.isNull ? .array([]) : entries)
        if skipped > 0 { capture.diagnostics.append(Diagnostic(file: file, "\(skipped) non-object entries skipped")) }
        capture.groups.append(
            InventoryGroup(
                nodeId: nodeId, typeName: typeName, schemaVersion: top["SchemaVersion"]?.scalarText,
                captureTime: top["CaptureTime"].flatMap(Timestamp.parse), accountId: context.hints.accountId,
                region: context.hints.region, rows: rows))
        return capture
    }

    /// Keys Resource Data Sync adds to every row (matched ignoring case, as Athena does).
    static let dataSyncMetadataKeys: Set<String> = ["resourceid", "capturetime", "schemaversion"]

    /// A Resource Data Sync object (FORMATS.md §3): JSON lines, one row per line; account,
    /// region and type come from the key path, the node from `resourceId` or the file name.
    func resourceDataSync(lines: [(line: Int, value: JSONValue)]) throws(InventoryError) -> DecodedCapture {
        var capture = DecodedCapture(format: .ssmResourceDataSync)
        var typeName = context.typeNameOverride ?? context.hints.typeName
        var groups: [String: Int] = [:]
        var rowsByNode: [(String, [InventoryRow], Timestamp?, String?)] = []
        for (line, value) in lines {
            guard let object = value.objectValue else {
                throw shapeError("line \(line)", "expected a JSON object per line, found \(value.kindName)")
            }
            if object.isEmpty { continue }
            let nodeId =
                object.value(forKeyIgnoringCase: "resourceId")?.scalarText
                ?? object.value(forKeyIgnoringCase: "InstanceId")?.scalarText
                ?? context.hints.nodeId ?? context.nodeIdOverride
            guard let nodeId, !nodeId.isEmpty else {
                throw shapeError("line \(line)", "row has no resourceId and the file name is not a node id")
            }
            let row = InventoryRow(attributes: ContentRows.attributes(of: object, dropping: Self.dataSyncMetadataKeys))
            let time = object.value(forKeyIgnoringCase: "captureTime").flatMap(Timestamp.parse)
            let schema = object.value(forKeyIgnoringCase: "schemaVersion")?.scalarText
            if let index = groups[nodeId] {
                rowsByNode[index].1.append(row)
                if let time, time > (rowsByNode[index].2 ?? time) || rowsByNode[index].2 == nil { rowsByNode[index].2 = time }
            } else {
                groups[nodeId] = rowsByNode.count
                rowsByNode.append((nodeId, [row], time, schema))
            }
        }
        if typeName == nil {
            let allRows = rowsByNode.flatMap(\.1)
            if let inferred = BuiltInTypes.inferTypeName(rows: allRows) {
                typeName = inferred
                capture.diagnostics.append(
                    Diagnostic(.note, file: file, "inventory type not in the path; inferred \(inferred) from the attribute names"))
            }
        }
        guard let typeName else {
            throw shapeError(
                "$",
                "cannot tell the inventory type: the path has no AWS:Type folder and the attributes match no built-in type (use --type-name)"
            )
        }
        if rowsByNode.isEmpty, let nodeId = context.hints.nodeId ?? context.nodeIdOverride {
            // An empty object means "no items" for that node: captured and empty.
            rowsByNode.append((nodeId, [], nil, nil))
        }
        for (nodeId, rows, time, schema) in rowsByNode {
            capture.groups.append(
                InventoryGroup(
                    nodeId: nodeId, typeName: typeName, schemaVersion: schema, captureTime: time,
                    accountId: context.hints.accountId, region: context.hints.region, rows: rows))
        }
        return capture
    }

    /// An on-instance custom inventory file (FORMATS.md §4a): `Content` an object or an array.
    func customInventoryFile(_ top: JSONObject) throws(InventoryError) -> DecodedCapture {
        var capture = DecodedCapture(format: .ssmCustomInventoryFile)
        capture.groups.append(try item(top, path: "$", nodeId: nodeIdForNodelessCapture(&capture)))
        return capture
    }

    /// `aws ssm put-inventory --items` (FORMATS.md §4b): an array of items, or the request
    /// document `{InstanceId, Items}`.
    func putInventoryItems(_ items: [JSONValue], instanceId: String?) throws(InventoryError) -> DecodedCapture {
        var capture = DecodedCapture(format: .ssmPutInventoryItems)
        let nodeId: String
        if let instanceId { nodeId = instanceId } else { nodeId = try nodeIdForNodelessCapture(&capture) }
        for (index, element) in items.enumerated() {
            guard let object = element.objectValue else {
                throw shapeError("$[\(index)]", "expected an inventory item object, found \(element.kindName)")
            }
            capture.groups.append(try item(object, path: "$[\(index)]", nodeId: nodeId))
        }
        return capture
    }

    private func item(_ object: JSONObject, path: String, nodeId: String) throws(InventoryError) -> InventoryGroup {
        guard let typeName = object["TypeName"]?.scalarText, !typeName.isEmpty else {
            throw shapeError("\(path).TypeName", "expected an inventory type name")
        }
        let (rows, _) = ContentRows.rows(of: object["Content"] ?? .array([]))
        return InventoryGroup(
            nodeId: nodeId, typeName: typeName, schemaVersion: object["SchemaVersion"]?.scalarText,
            captureTime: object["CaptureTime"].flatMap(Timestamp.parse), accountId: context.hints.accountId,
            region: context.hints.region, rows: rows)
    }

    private func nodeIdForNodelessCapture(_ capture: inout DecodedCapture) throws(InventoryError) -> String {
        if let nodeId = context.nodeIdOverride ?? context.hints.nodeId { return nodeId }
        throw shapeError(
            "$",
            "the file does not say which managed node it belongs to: put it under a folder named after the node (…/i-0123456789abcdef0/…) or pass --node-id"
        )
    }

    /// `aws ssm describe-instance-information` (FORMATS.md §6): node facts for the Summary sheet.
    func describeInstanceInformation(_ top: JSONObject) throws(InventoryError) -> DecodedCapture {
        guard let list = top["InstanceInformationList"]?.arrayValue else {
            throw shapeError("$.InstanceInformationList", "expected an array")
        }
        var capture = DecodedCapture(format: .ssmDescribeInstanceInformation)
        capture.nextToken = nonEmpty(top["NextToken"]?.stringValue)
        capture.pageGroup = "ssm-describe-instance-information"
        for (index, element) in list.enumerated() {
            guard let info = element.objectValue, let nodeId = info["InstanceId"]?.scalarText else {
                throw shapeError("$.InstanceInformationList[\(index)]", "expected an object with InstanceId")
            }
            var node = NodeObservation(nodeId: nodeId)
            node.accountId = context.hints.accountId
            node.region = context.hints.region
            node.pingStatus = info["PingStatus"]?.scalarText
            node.lastPingTime = info["LastPingDateTime"].flatMap(Timestamp.parse)?.iso8601
            node.platformType = info["PlatformType"]?.scalarText
            node.platformName = info["PlatformName"]?.scalarText
            node.platformVersion = info["PlatformVersion"]?.scalarText
            node.agentVersion = info["AgentVersion"]?.scalarText
            node.ipAddress = info["IPAddress"]?.scalarText ?? info["IpAddress"]?.scalarText
            node.computerName = info["ComputerName"]?.scalarText
            node.resourceType = info["ResourceType"]?.scalarText
            capture.nodes.append(node)
        }
        return capture
    }
}

/// Empty tokens end paging just like absent ones (select-resource-config returns `""`).
func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}
