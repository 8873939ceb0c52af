import Foundation
import GRDB
import InventoryCore
import Testing

/// The SnapshotStore stage against in-memory and temporary-file stores: schema, ingest and read
/// back, reference resolution, labels, retention, read-only and locked stores.
@Suite struct StoreTests {
    static let node = "i-0123456789abcdef0"

    /// A list-inventory-entries capture of `rows` for `node` taken at `time`, written into `dir`.
    @discardableResult
    func capture(
        _ dir: TempDir, _ name: String, node: String = StoreTests.node, time: String = "2026-11-01T03:00:00Z",
        rows: [[String: String]] = [["Name": "curl", "Version": "8.5.0", "Architecture": "x86_64"]], nextToken: String? = nil
    ) throws -> String {
        try dir.write(name, listEntries(node: node, captureTime: time, rows: rows, nextToken: nextToken))
    }

    /// A store with one snapshot per capture time, oldest first, each with different rows.
    func storeWithSnapshots(_ times: [String], labels: [String?] = []) throws -> (InventoryStore, [SnapshotInfo], TempDir) {
        let dir = try TempDir()
        let store = try memoryStore()
        var snapshots: [SnapshotInfo] = []
        for (index, time) in times.enumerated() {
            let path = try capture(dir, "s\(index).json", time: time, rows: [["Name": "pkg\(index)", "Version": "1"]])
            snapshots.append(try ingest(store, [path], label: index < labels.count ? labels[index] : nil).snapshot)
        }
        return (store, snapshots, dir)
    }

    func expectUnknown(
        _ store: InventoryStore, _ reference: String, containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let found = try store.resolve(reference)
            Issue.record("'\(reference)' resolved to snapshot \(found.id)", sourceLocation: sourceLocation)
        } catch {
            guard case .unknownSnapshot(let reference2, let detail) = error else {
                Issue.record("expected unknownSnapshot, got \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(reference2 == reference, sourceLocation: sourceLocation)
            #expect(detail.contains(text), "\(detail)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Schema and opening

    @Test func opening_a_new_file_creates_the_schema() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        _ = try InventoryStore(path: path)
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(
            tables == [
                "grdb_migrations", "group_alias", "group_row", "node_content", "node_key", "resource_content", "resource_item",
                "resource_key",
                "row_content", "row_group", "snapshot", "snapshot_group", "snapshot_node", "source_file", "type_attribute", "type_key",
            ])
        // Since v4 coverage, nodes, rows and items of a snapshot are views over content stored once.
        let views = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
        }
        #expect(
            views == ["coverage", "inventory_entry", "managed_node", "resource", "v_inventory", "v_nodes", "v_resources", "v_snapshots"])
        // Opening again migrates nothing and keeps the store usable.
        #expect(try InventoryStore(path: path).snapshots().isEmpty)
    }

    @Test func an_in_memory_store_starts_empty_and_says_so_when_asked_for_latest() throws {
        let store = try memoryStore()
        #expect(store.path == ":memory:")
        #expect(try store.snapshots().isEmpty)
        expectUnknown(store, "latest", containing: "has no snapshots yet")
    }

    @Test func a_store_written_by_a_newer_tool_is_refused() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        _ = try InventoryStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        let message = storeMessage(
            inventoryError {
                _ = try InventoryStore(path: path)
            })
        #expect(
            message.map { message in message == "\(path) was written by a newer inventory; upgrade the tool" } == true,
            "\(String(describing: message))")
        let readOnlyMessage = storeMessage(
            inventoryError {
                _ = try InventoryStore(path: path, readOnly: true)
            })
        #expect(readOnlyMessage.map { message in message.contains("newer inventory") } == true, "\(String(describing: readOnlyMessage))")
    }

    @Test func a_file_that_is_not_a_database_is_named_as_such() throws {
        let dir = try TempDir()
        let path = try dir.write("notes.sqlite", String(repeating: "not a database at all\n", count: 20))
        let message = storeMessage(
            inventoryError {
                _ = try InventoryStore(path: path)
            })
        #expect(
            message.map { message in message == "\(path) is not an inventory store (not an SQLite database)" } == true,
            "\(String(describing: message))")
    }

    @Test func read_only_opening_needs_an_existing_store_and_never_writes() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        let message = storeMessage(
            inventoryError {
                _ = try InventoryStore(path: path, readOnly: true)
            })
        #expect(message.map { message in message.contains("no store here") } == true, "\(String(describing: message))")
        #expect(!FileManager.default.fileExists(atPath: path))

        let writable = try InventoryStore(path: path)
        try ingest(writable, [try capture(dir, "a.json")])
        let readOnly = try InventoryStore(path: path, readOnly: true)
        #expect(try readOnly.snapshots().count == 1)
        #expect(throws: InventoryError.self) {
            try ingest(readOnly, [try capture(dir, "b.json", time: "2026-11-02T03:00:00Z")])
        }
        #expect(try writable.snapshots().count == 1)
    }

    @Test func a_store_locked_by_another_connection_fails_as_busy() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        let store = try InventoryStore(path: path, busyTimeout: 0)
        let file = try capture(dir, "a.json")
        // Another connection holds the write lock while the store tries to ingest and read
        // (GRDB wants the transaction closed within the access, so the checks run inside it).
        var errors: [InventoryError?] = []
        try DatabaseQueue(path: path).inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            errors.append(inventoryError { try ingest(store, [file]) })
            errors.append(inventoryError { _ = try store.snapshots() })
            try db.execute(sql: "ROLLBACK")
        }
        for error in errors {
            guard case .storeBusy(let busyPath)? = error else {
                Issue.record("expected storeBusy, got \(String(describing: error))")
                continue
            }
            #expect(busyPath == path)
        }
        // Once the lock is gone the same store works.
        #expect(try ingest(store, [file]).status == .created)
        #expect(InventoryError.storeBusy(path: path).description.contains("store is busy"))
    }

    // MARK: Ingest and read back

    @Test func ingest_creates_a_snapshot_with_counts_and_provenance() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let file = try capture(
            dir, "accountid=111122223333/region=us-east-1/entries.json",
            rows: [["Name": "curl", "Version": "8.5.0"], ["Name": "bash", "Version": "5.2"]])
        let result = try ingest(store, [file], label: "first")
        #expect(result.status == .created)
        #expect(result.snapshot.id == 1)
        #expect(result.snapshot.label == "first")
        #expect(result.snapshot.takenAt?.iso8601 == "2026-11-01T03:00:00Z")
        #expect(result.snapshot.ingestedAt.iso8601 == "2026-11-18T11:06:40Z")
        #expect(result.snapshot.complete)
        #expect(result.snapshot.fileCount == 1)
        #expect(result.snapshot.nodeCount == 1)
        #expect(result.snapshot.entryCount == 2)
        #expect(result.snapshot.resourceCount == 0)
        #expect(try store.snapshots() == [result.snapshot])

        let files = try store.sourceFiles(snapshotId: result.snapshot.id)
        #expect(files.count == 1)
        #expect(files[0].path == file)
        #expect(files[0].format?.rawValue == "ssm-list-inventory-entries")
        #expect(files[0].status == .ingested)
        #expect(files[0].records == 2)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(files[0].bytes == bytes.count)
        #expect(files[0].sha256 == CanonicalText.hash(bytes: bytes))
    }

    @Test func coverage_nodes_and_type_names_read_back() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let app = try capture(dir, "accountid=111122223333/region=us-east-1/app.json", rows: [["Name": "curl"], ["Name": "bash"]])
        let info = try dir.write(
            "accountid=111122223333/region=us-east-1/info.json",
            listEntries(
                node: Self.node, type: "AWS:InstanceInformation", captureTime: "2026-11-01T04:00:00Z",
                rows: [["InstanceStatus": "Active", "ComputerName": "web-1", "PlatformName": "Ubuntu", "IpAddress": "10.0.0.9"]]))
        let snapshot = try ingest(store, [app, info]).snapshot
        let coverage = try store.coverage(snapshotId: snapshot.id)
        #expect(coverage.map(\.typeName) == ["AWS:Application", "AWS:InstanceInformation"])
        #expect(coverage.map(\.entryCount) == [2, 1])
        #expect(coverage[0].captureTime == "2026-11-01T03:00:00Z")
        #expect(coverage[0].schemaVersion == "1.1")
        #expect(coverage.allSatisfy { $0.complete })
        #expect(coverage[0].contentFingerprint?.count == 64)
        #expect(try store.typeNames(snapshotId: snapshot.id) == ["AWS:Application", "AWS:InstanceInformation"])
        #expect(
            try store.attributeNames(snapshotId: snapshot.id, typeName: "AWS:InstanceInformation")
                == ["ComputerName", "InstanceStatus", "IpAddress", "PlatformName"])
        #expect(try store.entryCount(snapshotId: snapshot.id, typeName: "AWS:Application") == 2)

        let nodes = try store.nodes(snapshotId: snapshot.id)
        #expect(nodes.count == 1)
        #expect(nodes[0].nodeId == Self.node)
        #expect(nodes[0].accountId == "111122223333")
        #expect(nodes[0].region == "us-east-1")
        #expect(nodes[0].computerName == "web-1")
        #expect(nodes[0].status == "Active")
        #expect(nodes[0].lastCaptureTime == "2026-11-01T04:00:00Z")
        #expect(snapshot.takenAt?.iso8601 == "2026-11-01T04:00:00Z")
    }

    @Test func entries_read_back_with_keys_hashes_and_filters() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let one = try capture(
            dir, "one.json", rows: [["Name": "zsh", "Architecture": "x86_64"], ["Name": "bash", "Architecture": "x86_64"]])
        let two = try capture(dir, "two.json", node: "mi-0123456789abcdef0", rows: [["Name": "curl"]])
        let snapshot = try ingest(store, [one, two]).snapshot
        let all = try storedEntries(store, snapshot)
        // Ordered by node, type, identity key.
        #expect(all.map(\.nodeId) == [Self.node, Self.node, "mi-0123456789abcdef0"])
        #expect(all.map { $0.attributes["Name"] } == ["bash", "zsh", "curl"])
        #expect(all[0].identityKey == "bash\u{1F}x86_64\u{1F}")
        #expect(all[0].contentHash == CanonicalText.hash(CanonicalText.object(all[0].attributes)))
        #expect(try storedEntries(store, snapshot, node: "mi-0123456789abcdef0").count == 1)
        #expect(try storedEntries(store, snapshot, type: "AWS:Network").isEmpty)
    }

    @Test func configuration_items_read_back_as_canonical_resources() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let file = try dir.write(
            "history.json",
            #"""
            {"configurationItems": [
              {"version": "1.3", "accountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T03:00:00Z",
               "configurationItemStatus": "OK", "configurationStateId": "1", "arn": "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
               "resourceType": "AWS::EC2::Instance", "resourceId": "i-1", "awsRegion": "us-east-1", "availabilityZone": "us-east-1a",
               "tags": {"b": "2", "a": "1"},
               "relationships": [{"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "relationshipName": "Is contained in Vpc"},
                                 {"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-1", "relationshipName": "Is associated with SecurityGroup"}],
               "configuration": "{\"state\": {\"name\": \"running\", \"code\": 16}, \"instanceType\": \"t3.micro\"}"}
            ]}
            """#)
        let snapshot = try ingest(store, [file]).snapshot
        #expect(snapshot.resourceCount == 1)
        #expect(snapshot.nodeCount == 0)
        #expect(try store.resourceTypes(snapshotId: snapshot.id) == ["AWS::EC2::Instance"])
        let resource = try #require(try store.resources(snapshotId: snapshot.id).first)
        #expect(resource.accountId == "111122223333")
        #expect(resource.arn == "arn:aws:ec2:us-east-1:111122223333:instance/i-1")
        #expect(resource.status == "OK")
        #expect(resource.captureTime == "2026-11-01T03:00:00Z")
        #expect(resource.configuration == #"{"instanceType":"t3.micro","state":{"code":16,"name":"running"}}"#)
        #expect(resource.tags == #"{"a":"1","b":"2"}"#)
        #expect(resource.relationships.hasPrefix(#"[{"name":"Is associated with SecurityGroup""#))
        #expect(resource.payloadIncluded && !resource.contentInInventory)
        var streamed: [StoredResource] = []
        try store.forEachResource(snapshotId: snapshot.id, resourceType: "AWS::EC2::Instance") { streamed.append($0) }
        #expect(streamed == [resource])
    }

    @Test func a_capture_ending_with_a_page_token_makes_the_snapshot_incomplete() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let result = try ingest(store, [try capture(dir, "page1.json", nextToken: "more")])
        #expect(result.snapshot.complete == false)
        #expect(result.incompleteCaptures == ["ssm-list-inventory-entries:\(Self.node):AWS:Application"])
        #expect(try store.coverage(snapshotId: result.snapshot.id).first?.complete == false)
        #expect(result.snapshot.warningCount == 1)
        #expect(try store.sourceFiles(snapshotId: result.snapshot.id).first?.warnings.first?.message.contains("capture INCOMPLETE") == true)
    }

    @Test func identical_input_is_stored_once_and_reported_unchanged() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let file = try capture(dir, "a.json")
        let first = try ingest(store, [file])
        let again = try ingest(store, [file], now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(again.status == .unchanged)
        #expect(again.snapshot == first.snapshot)
        #expect(try store.snapshots().count == 1)
        // The same bytes copied elsewhere are the same input too.
        let copy = try dir.write("copy/a.json", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(try ingest(store, [copy]).status == .unchanged)
        #expect(first.snapshot.fingerprint.count == 64)
    }

    @Test func the_same_bytes_twice_in_one_ingest_are_one_file_and_one_duplicate() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let file = try capture(dir, "a.json")
        let copy = try dir.write("b.json", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        let result = try ingest(store, [file, copy])
        #expect(result.files.map(\.status) == [.ingested, .duplicate])
        #expect(result.files[1].message == "same bytes as \(file)")
        #expect(result.snapshot.entryCount == 1)
    }

    @Test func ingesting_identical_input_with_a_label_labels_the_stored_snapshot() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let file = try capture(dir, "a.json")
        let first = try ingest(store, [file])
        #expect(first.snapshot.label == nil)
        let labelled = try ingest(store, [file], label: "baseline")
        #expect(labelled.status == .unchanged)
        #expect(labelled.snapshot.id == first.snapshot.id)
        #expect(labelled.snapshot.label == "baseline")
        #expect(try store.resolve("baseline").id == first.snapshot.id)
        // A second, different label for the same input is refused.
        let message = storeMessage(
            inventoryError {
                try ingest(store, [file], label: "other")
            })
        #expect(message.map { message in message.contains("labelled 'baseline'") } == true, "\(String(describing: message))")
    }

    @Test func labels_are_unique() throws {
        let (store, snapshots, dir) = try storeWithSnapshots(["2026-11-01T03:00:00Z", "2026-11-02T03:00:00Z"], labels: ["a"])
        #expect(throws: InventoryError.self) { try store.setLabel("a", snapshotId: snapshots[1].id) }
        try store.setLabel("b", snapshotId: snapshots[1].id)
        #expect(try store.resolve("b").id == snapshots[1].id)
        // A new ingest cannot take a used label; nothing is stored.
        #expect(throws: InventoryError.self) {
            try ingest(store, [try capture(dir, "c.json", time: "2026-11-03T03:00:00Z")], label: "b")
        }
        #expect(try store.snapshots().count == 2)
    }

    @Test func a_failing_file_stores_nothing_unless_keep_going() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let good = try capture(dir, "good.json")
        let bad = try dir.write("bad.json", "{\"Entities\": [")
        #expect(throws: InventoryError.self) { try ingest(store, [good, bad]) }
        #expect(try store.snapshots().isEmpty)

        let kept = try ingest(store, [good, bad], keepGoing: true)
        #expect(kept.files.map(\.status) == [.ingested, .failed])
        #expect(kept.snapshot.entryCount == 1)
        #expect(kept.warnings.contains { $0.file == bad && $0.message.hasPrefix("failed: ") })
    }

    @Test func refused_files_are_recorded_and_only_refused_files_store_nothing() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let schema = try dir.write("schema.json", #"{"Schemas": []}"#)
        let error = inventoryError { try ingest(store, [schema]) }
        guard case .nothingToIngest(let reasons)? = error else {
            Issue.record("expected nothingToIngest, got \(String(describing: error))")
            return
        }
        #expect(reasons == ["\(schema): refused: get-inventory-schema output lists type schemas, not node inventory"])
        #expect(try store.snapshots().isEmpty)
        let result = try ingest(store, [try capture(dir, "a.json"), schema])
        #expect(result.files.map(\.status) == [.ingested, .refused])
        #expect(result.files[1].message == "get-inventory-schema output lists type schemas, not node inventory")
    }

    @Test func an_error_inside_the_write_transaction_rolls_everything_back() throws {
        let store = try memoryStore()
        let ignore: (SnapshotInfo) -> Void = { _ in }
        #expect(throws: InventoryError.self) {
            try store.writeSnapshot(
                label: "x", fingerprint: "f", ingestedAt: fixedIngestTime, toolVersion: "test", ifAlreadyStored: ignore
            ) {
                writer throws(InventoryError) -> Void in
                do {
                    _ = try writer.addFile(SourceFileInfo(path: "p", format: nil, status: .ingested, sha256: "s", bytes: 1, records: 0))
                } catch { throw .store(message: "\(error)") }
                throw .store(message: "stop here")
            }
        }
        #expect(try store.snapshots().isEmpty)
        #expect(try store.snapshot(fingerprint: "f") == nil)
    }

    // MARK: References

    @Test func latest_and_latest_tilde_n_count_back_from_the_newest() throws {
        let (store, snapshots, _) = try storeWithSnapshots(["2026-11-01T03:00:00Z", "2026-11-08T03:00:00Z", "2026-11-15T03:00:00Z"])
        #expect(try store.resolve("latest").id == snapshots[2].id)
        #expect(try store.resolve("latest~0").id == snapshots[2].id)
        #expect(try store.resolve("latest~1").id == snapshots[1].id)
        #expect(try store.resolve("latest~2").id == snapshots[0].id)
        expectUnknown(store, "latest~3", containing: "only 3 snapshot(s) are stored")
        #expect(try store.previous(to: snapshots[1])?.id == snapshots[0].id)
        #expect(try store.previous(to: snapshots[0]) == nil)
    }

    @Test func ids_and_labels_resolve_and_unknown_ones_list_what_exists() throws {
        let (store, snapshots, _) = try storeWithSnapshots(["2026-11-01T03:00:00Z", "2026-11-15T03:00:00Z"], labels: ["t1", "t2"])
        #expect(try store.resolve("1").id == snapshots[0].id)
        #expect(try store.resolve("t2").id == snapshots[1].id)
        expectUnknown(store, "7", containing: "no snapshot has id 7; ids are 1, 2")
        expectUnknown(store, "nope", containing: "recent snapshots: 1 (t1), 2 (t2)")
    }

    @Test func dates_resolve_to_the_latest_snapshot_taken_by_then() throws {
        let (store, snapshots, _) = try storeWithSnapshots(["2026-11-01T03:00:00Z", "2026-11-15T03:00:00Z"])
        // A bare date is the whole UTC day.
        #expect(try store.resolve("2026-11-01").id == snapshots[0].id)
        #expect(try store.resolve("2026-11-14").id == snapshots[0].id)
        #expect(try store.resolve("2026-11-15").id == snapshots[1].id)
        #expect(try store.resolve("2026-11-15T02:59:59Z").id == snapshots[0].id)
        #expect(try store.resolve("2026-11-15T03:00:00Z").id == snapshots[1].id)
        expectUnknown(store, "2026-10-31", containing: "no snapshot was taken at or before 2026-10-31T23:59:59.999Z")
    }

    @Test func snapshots_are_ordered_by_capture_time_not_by_ingest_order() throws {
        let dir = try TempDir()
        let store = try memoryStore()
        let late = try ingest(store, [try capture(dir, "late.json", time: "2026-11-15T03:00:00Z", rows: [["Name": "b"]])]).snapshot
        let early = try ingest(store, [try capture(dir, "early.json", time: "2026-11-01T03:00:00Z", rows: [["Name": "a"]])]).snapshot
        #expect(try store.snapshots().map(\.id) == [early.id, late.id])
        #expect(try store.resolve("latest").id == late.id)
    }

    // MARK: Retention

    @Test func prune_keeps_the_newest_n_and_labelled_snapshots() throws {
        let (store, snapshots, _) = try storeWithSnapshots(
            ["2026-11-01T03:00:00Z", "2026-11-02T03:00:00Z", "2026-11-03T03:00:00Z", "2026-11-04T03:00:00Z"],
            labels: [nil, "keep-me"])
        let dry = try store.prune(keep: 1, olderThan: nil, includeLabelled: false, dryRun: true)
        #expect(dry.removed.map(\.id) == [snapshots[0].id, snapshots[2].id])
        #expect(try store.snapshots().count == 4)

        let result = try store.prune(keep: 1, olderThan: nil, includeLabelled: false, dryRun: false)
        #expect(result.removed.map(\.id) == [snapshots[0].id, snapshots[2].id])
        #expect(result.kept == 2)
        #expect(try store.snapshots().map(\.id) == [snapshots[1].id, snapshots[3].id])
        // Rows and coverage of removed snapshots go with them.
        #expect(try storedEntries(store, snapshots[0]).isEmpty)
        #expect(try store.coverage(snapshotId: snapshots[0].id).isEmpty)
        #expect(try storedEntries(store, snapshots[1]).count == 1)
    }

    @Test func prune_older_than_a_date_never_removes_the_newest() throws {
        let (store, snapshots, _) = try storeWithSnapshots(["2026-11-01T03:00:00Z", "2026-11-02T03:00:00Z", "2026-11-03T03:00:00Z"])
        let cutoff = try #require(Timestamp.parse("2026-11-02T12:00:00Z")).date
        let result = try store.prune(keep: nil, olderThan: cutoff, includeLabelled: false, dryRun: false)
        #expect(result.removed.map(\.id) == [snapshots[0].id, snapshots[1].id])
        // Everything is older than this, but the newest stays.
        let all = try store.prune(keep: nil, olderThan: Date(timeIntervalSince1970: 4_000_000_000), includeLabelled: false, dryRun: false)
        #expect(all.removed.isEmpty)
        #expect(try store.snapshots().map(\.id) == [snapshots[2].id])
    }

    @Test func prune_can_include_labelled_snapshots() throws {
        let (store, snapshots, _) = try storeWithSnapshots(["2026-11-01T03:00:00Z", "2026-11-02T03:00:00Z"], labels: ["old"])
        let kept = try store.prune(keep: 1, olderThan: nil, includeLabelled: false, dryRun: false)
        #expect(kept.removed.isEmpty)
        #expect(kept.keptForLabel.map(\.label) == ["old"], "a prune that removes nothing says which labels kept what")
        let result = try store.prune(keep: 1, olderThan: nil, includeLabelled: true, dryRun: false)
        #expect(result.removed.map(\.label) == ["old"])
        #expect(try store.snapshots().map(\.id) == [snapshots[1].id])
        expectUnknown(store, "old", containing: "recent snapshots: 2")
    }

    @Test func prune_reports_the_file_size_before_and_after() throws {
        let dir = try TempDir()
        let path = dir.path("store.sqlite")
        let store = try InventoryStore(path: path)
        let rows = (0..<300).map { ["Name": "package-\($0)", "Version": String(repeating: "9", count: 40)] }
        try ingest(store, [try capture(dir, "a.json", time: "2026-11-01T03:00:00Z", rows: rows)])
        try ingest(store, [try capture(dir, "b.json", time: "2026-11-02T03:00:00Z")])
        let result = try store.prune(keep: 1, olderThan: nil, includeLabelled: false, dryRun: false)
        #expect(result.removed.count == 1)
        #expect(result.bytesBefore > 0)
        #expect(result.bytesAfter < result.bytesBefore)
    }
}
