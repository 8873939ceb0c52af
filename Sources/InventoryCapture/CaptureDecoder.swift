import InventoryModel

/// Reads one capture file: undoes gzip, BOMs and UTF-16, parses JSON or JSON Lines, recognises
/// the format by content (FORMATS.md §12), never by file name, and decodes it to the record model.
public struct CaptureDecoder: Sendable {
    public var context: CaptureContext

    public init(context: CaptureContext) { self.context = context }

    private var file: String { context.displayPath }

    /// Decodes `data` (the file's raw bytes).
    /// - Throws: `InventoryError` naming the file: `.malformedJSON` with line and column,
    ///   `.undecodableInput`, `.unrecognisedFormat`, `.invalidCapture`, or `.refused` for known
    ///   documents that carry no node data.
    /// Large Config files go through `decodeFile` instead, which does not hold them whole.
    public func decode(_ data: [UInt8]) throws(InventoryError) -> DecodedCapture {
        if let kind = NonCaptureSniffer.binaryKind(data) { throw .refused(file: file, reason: kind) }
        let input: DecodedInput
        do { input = try InputBytes.decode(data, path: file, maxDecompressedBytes: context.maxWholeFileBytes) } catch {
            throw .undecodableInput(file: file, message: error.message + (error.byteOffset.map { " (at byte \($0))" } ?? ""))
        }
        var capture = try decodeText(input.bytes)
        if input.encoding != .utf8 {
            capture.diagnostics.append(Diagnostic(.note, file: file, "read as \(input.encoding.rawValue)"))
        }
        return capture
    }

    /// Decodes a Config snapshot or history file by streaming it in chunks (gzip inflated on the
    /// fly): each `configurationItems` element is parsed and handed to `onItem` as it is read, so
    /// memory does not grow with the file. Returns nil when the file is not such a document (or
    /// is UTF-16); the caller then reads it whole.
    /// - Throws: the same errors as `decode`, with line and column in the (decompressed) file.
    public func decodeFile(path: String, onItem: (ConfigurationItem) throws -> Void) throws(InventoryError)
        -> DecodedCapture?
    {
        let source = try ChunkedByteSource(path: path)
        var scanner = ConfigurationItemsScanner()
        scanner.maxValueBytes = context.maxValueBytes
        let config = ConfigCaptureDecoder(context: context)
        var count = 0
        var first = true
        while true {
            var chunk = try source.next()
            if chunk.isEmpty { break }
            if first {
                first = false
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk.removeFirst(3) }
                guard let lead = chunk.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
                    lead == UInt8(ascii: "{")
                else { return nil }
            }
            let elements = scanner.feed(chunk)
            if let failure = scanner.failure, scanner.tooLarge {
                throw .invalidCapture(file: "\(file):\(failure.line)", path: "$.configurationItems[\(count)]", message: failure.message)
            }
            if let failure = scanner.failure {
                throw .malformedJSON(file: file, line: failure.line, column: failure.column, message: failure.message)
            }
            for element in elements {
                let item = try streamedItem(element, index: count, config: config)
                count += 1
                do { try onItem(item) } catch let error as InventoryError { throw error } catch {
                    throw .invalidCapture(file: file, path: "$.configurationItems[\(count - 1)]", message: "\(error)")
                }
            }
        }
        guard scanner.foundArray else { return nil }
        if scanner.endedInsideItems {
            let (line, column) = scanner.position
            throw .malformedJSON(file: file, line: line, column: column + 1, message: "unexpected end of input inside configurationItems")
        }
        var diagnostics: [Diagnostic] = []
        let skeleton = try parse(scanner.skeleton, lineOffset: 0, diagnostics: &diagnostics)
        var capture = try recognise(skeleton, depth: 0)
        guard capture.format == .configDeliveryFile || capture.format == .configResourceHistory else {
            throw .unrecognisedFormat(file: file, detail: "configurationItems in an unexpected document")
        }
        capture.streamedItems = count
        if source.isGzip { capture.diagnostics.append(Diagnostic(.note, file: file, "read as gzip, streamed")) }
        capture.diagnostics.insert(contentsOf: diagnostics, at: 0)
        return capture
    }

    /// One streamed element parsed and read as a configuration item; parse errors get the
    /// element's place in the file.
    private func streamedItem(_ element: ConfigurationItemsScanner.Element, index: Int, config: ConfigCaptureDecoder)
        throws(InventoryError) -> ConfigurationItem
    {
        let value: JSONValue
        do { value = try JSONParser.parse(element.bytes, options: parseOptions) } catch {
            throw .malformedJSON(
                file: file, line: element.line + error.line - 1,
                column: error.line == 1 ? element.column + error.column - 1 : error.column, message: error.message)
        }
        return try config.item(value, path: "$.configurationItems[\(index)]")
    }

    private func decodeText(_ bytes: [UInt8]) throws(InventoryError) -> DecodedCapture {
        let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if blank {
            if context.hints.isDataSyncKey {
                // Resource Data Sync writes `{}` for a node with no items; an empty file is a
                // failed or truncated delivery, not a node with zero rows.
                throw .refused(file: file, reason: "the Resource Data Sync file is empty (a node with no items holds {}); not recorded")
            }
            throw .unrecognisedFormat(file: file, detail: "the file is empty")
        }
        if let kind = NonCaptureSniffer.binaryKind(bytes) ?? NonCaptureSniffer.textKind(bytes) {
            throw .refused(file: file, reason: kind)
        }
        let lower = file.lowercased()
        let jsonLinesByName = lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl.gz")
        if context.hints.isDataSyncKey || jsonLinesByName {
            return try decodeJSONLines(bytes)
        }
        var diagnostics: [Diagnostic] = []
        let value: JSONValue
        // Config items are decoded one at a time and compacted, so the tree of the whole document
        // is never built.
        var streamed: [ConfigurationItem] = []
        do {
            if context.repairInvalidUTF8 {
                value = try parse(bytes, lineOffset: 0, diagnostics: &diagnostics)
            } else {
                value = try parseStreamingItems(bytes, into: &streamed)
            }
        } catch {
            // Several JSON objects one per line: JSON Lines (Resource Data Sync without its key path).
            if case .malformedJSON(_, _, _, let message) = error, message.hasPrefix("trailing content") {
                return try decodeJSONLines(bytes)
            }
            throw error
        }
        var capture = try recognise(value, depth: 0)
        if !streamed.isEmpty {
            guard capture.format == .configDeliveryFile || capture.format == .configResourceHistory else {
                throw .unrecognisedFormat(file: file, detail: "configurationItems in an unexpected document")
            }
            capture.configurationItems = streamed
        }
        capture.diagnostics.insert(contentsOf: diagnostics, at: 0)
        return capture
    }

    /// Parser options from the context: UTF-8 repair and the `--max-value-bytes` bound.
    private var parseOptions: JSONParseOptions {
        var options = JSONParseOptions(invalidUTF8: context.repairInvalidUTF8 ? .replace : .reject)
        options.maxStringBytes = context.maxValueBytes
        return options
    }

    private func parseStreamingItems(_ bytes: [UInt8], into items: inout [ConfigurationItem]) throws(InventoryError)
        -> JSONValue
    {
        let config = ConfigCaptureDecoder(context: context)
        var collected: [ConfigurationItem] = []
        do {
            let value = try JSONParser.forEachElement(in: bytes, arrayMembers: ["configurationItems"], options: parseOptions) {
                _, element in
                collected.append(try config.item(element, path: "$.configurationItems[\(collected.count)]"))
            }
            items = collected
            return value
        } catch let error as InventoryError {
            throw error
        } catch let error as JSONSyntaxError {
            throw .malformedJSON(file: file, line: error.line, column: error.column, message: error.message)
        } catch {
            throw .invalidCapture(file: file, path: "$", message: "\(error)")
        }
    }

    private func parse(_ bytes: some Collection<UInt8>, lineOffset: Int, diagnostics: inout [Diagnostic])
        throws(InventoryError) -> JSONValue
    {
        let options = parseOptions
        do {
            let result = try JSONParser.parseReportingRepairs(Array(bytes), options: options)
            if result.replacedInvalidUTF8 > 0 {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: lineOffset > 0 ? lineOffset : nil,
                        "\(result.replacedInvalidUTF8) invalid UTF-8 sequence(s) replaced with U+FFFD"))
            }
            return result.value
        } catch {
            let line = lineOffset > 0 ? lineOffset : error.line
            throw .malformedJSON(file: file, line: line, column: error.column, message: error.message)
        }
    }

    private func decodeJSONLines(_ bytes: [UInt8]) throws(InventoryError) -> DecodedCapture {
        var diagnostics: [Diagnostic] = []
        var values: [(line: Int, value: JSONValue)] = []
        for line in JSONParser.lines(of: bytes) {
            values.append((line.lineNumber, try parse(bytes[line.range], lineOffset: line.lineNumber, diagnostics: &diagnostics)))
        }
        // A JSON-lines file whose single line is a whole document of another format.
        if values.count == 1, let object = values[0].value.objectValue, !looksLikeDataSyncRow(object),
            !context.hints.isDataSyncKey
        {
            var capture = try recognise(values[0].value, depth: 0)
            capture.diagnostics.insert(contentsOf: diagnostics, at: 0)
            return capture
        }
        guard values.allSatisfy({ $0.value.objectValue.map(looksLikeDataSyncRow) ?? false }) || context.hints.isDataSyncKey
        else {
            throw .unrecognisedFormat(
                file: file, detail: "several JSON documents, but not Resource Data Sync rows (each line needs resourceId or captureTime)")
        }
        var capture = try SSMCaptureDecoder(context: context).resourceDataSync(lines: values)
        capture.diagnostics.insert(contentsOf: diagnostics, at: 0)
        return capture
    }

    private func looksLikeDataSyncRow(_ object: JSONObject) -> Bool {
        object.value(forKeyIgnoringCase: "resourceId") != nil || object.value(forKeyIgnoringCase: "captureTime") != nil
            || object.isEmpty
    }

    /// Recognises a parsed document; envelopes (SNS, SQS, EventBridge, rule events) recurse.
    private func recognise(_ value: JSONValue, depth: Int) throws(InventoryError) -> DecodedCapture {
        guard depth < 6 else { throw .unrecognisedFormat(file: file, detail: "envelopes nested too deeply") }
        let ssm = SSMCaptureDecoder(context: context)
        let config = ConfigCaptureDecoder(context: context)
        if let array = value.arrayValue {
            if !array.isEmpty, array.allSatisfy({ $0.objectValue?["TypeName"] != nil }) {
                return try ssm.putInventoryItems(array, instanceId: nil)
            }
            if !array.isEmpty, array.allSatisfy({ $0.objectValue?["resourceType"] != nil }) {
                var capture = DecodedCapture(format: .configItem)
                for (index, element) in array.enumerated() {
                    let one = try config.itemList(
                        JSONObject(members: [.init(key: "items", value: .array([element]))]), key: "items", format: .configItem)
                    _ = index
                    capture.configurationItems += one.configurationItems
                }
                return capture
            }
            throw .unrecognisedFormat(
                file: file, detail: array.isEmpty ? "an empty JSON array" : "a JSON array of \(array[0].kindName)s")
        }
        guard let top = value.objectValue else {
            throw .unrecognisedFormat(file: file, detail: "the document is a JSON \(value.kindName), not an object")
        }
        func has(_ key: String) -> Bool { top[key] != nil }

        if has("Entities") { return try ssm.getInventory(top) }
        if has("Entries"), has("InstanceId") || has("TypeName") { return try ssm.listInventoryEntries(top) }
        if has("InstanceInformationList") { return try ssm.describeInstanceInformation(top) }
        if has("Schemas") {
            throw .refused(file: file, reason: "get-inventory-schema output lists type schemas, not node inventory")
        }
        if has("ResourceDataSyncItems") {
            throw .refused(file: file, reason: "list-resource-data-sync output describes sync configurations, not node inventory")
        }
        if let items = top["Items"]?.arrayValue, has("InstanceId") {
            return try ssm.putInventoryItems(items, instanceId: top["InstanceId"]?.scalarText)
        }
        if has("TypeName"), has("Content"), !has("InstanceId") { return try ssm.customInventoryFile(top) }

        if has("configurationItems") {
            let format: CaptureFormat = has("fileVersion") || has("configSnapshotId") ? .configDeliveryFile : .configResourceHistory
            return try config.itemList(top, key: "configurationItems", format: format)
        }
        if has("baseConfigurationItems") {
            return try config.itemList(top, key: "baseConfigurationItems", format: .configBatchGet)
        }
        if has("BaseConfigurationItems") {
            return try config.itemList(top, key: "BaseConfigurationItems", format: .configBatchGet)
        }
        if let single = top["ConfigurationItem"], single.objectValue != nil {
            return try config.itemList(
                JSONObject(members: [.init(key: "items", value: .array([single]))]), key: "items", format: .configAggregateItem)
        }
        if has("Results") { return try config.select(top) }
        if has("resourceIdentifiers") {
            throw .refused(file: file, reason: "list-discovered-resources output lists resource ids only, no configuration")
        }
        // SNS envelope: Message is a JSON string (AWS docs print it as an object).
        if top["Type"]?.stringValue == "Notification", let message = top["Message"] {
            return try recognise(try embedded(message, path: "$.Message"), depth: depth + 1)
        }
        // SQS: a received message's Body, or a ReceiveMessage result.
        if let body = top["Body"] ?? top["body"], body.stringValue != nil {
            return try recognise(try embedded(body, path: "$.Body"), depth: depth + 1)
        }
        if let messages = top["Messages"]?.arrayValue, messages.count == 1, let body = messages[0].objectValue?["Body"] {
            return try recognise(try embedded(body, path: "$.Messages[0].Body"), depth: depth + 1)
        }
        if let detailType = top["detail-type"]?.scalarText, let detail = top["detail"] {
            let source = top["source"]?.scalarText ?? ""
            if source == "aws.ssm" {
                throw .refused(file: file, reason: "EventBridge '\(detailType)' event from Systems Manager carries no inventory rows")
            }
            guard let body = detail.objectValue else {
                throw .invalidCapture(file: file, path: "$.detail", message: "expected an object")
            }
            var capture = try config.message(body, format: .configEventBridge)
            fillAccountRegion(&capture, account: top["account"]?.scalarText, region: top["region"]?.scalarText)
            return capture
        }
        if let invoking = top["invokingEvent"] {
            guard let event = try embedded(invoking, path: "$.invokingEvent").objectValue else {
                throw .invalidCapture(file: file, path: "$.invokingEvent", message: "expected a JSON object")
            }
            var capture = try config.message(event, format: .configRuleEvent)
            fillAccountRegion(&capture, account: top["accountId"]?.scalarText, region: nil)
            return capture
        }
        if has("messageType") || has("configurationItemSummary") {
            return try config.message(top, format: .configNotification)
        }
        if !top.isEmpty, looksLikeDataSyncRow(top), !has("resourceType") {
            // A one-row Resource Data Sync object is also a plain JSON document.
            return try ssm.resourceDataSync(lines: [(1, value)])
        }
        if has("resourceType"), has("resourceId") {
            return try config.itemList(
                JSONObject(members: [.init(key: "items", value: .array([value]))]), key: "items", format: .configItem)
        }
        let keys = top.keys.prefix(6).joined(separator: ", ")
        throw .unrecognisedFormat(file: file, detail: top.isEmpty ? "an empty JSON object" : "top-level keys: \(keys)")
    }

    private func embedded(_ value: JSONValue, path: String) throws(InventoryError) -> JSONValue {
        do { return try JSONText.parseEmbedded(value) } catch {
            throw .invalidCapture(file: file, path: path, message: "embedded JSON: \(error)")
        }
    }

    private func fillAccountRegion(_ capture: inout DecodedCapture, account: String?, region: String?) {
        for index in capture.configurationItems.indices {
            if capture.configurationItems[index].accountId == nil { capture.configurationItems[index].accountId = account }
            if capture.configurationItems[index].region == nil { capture.configurationItems[index].region = region }
        }
    }
}
