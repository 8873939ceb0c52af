import Foundation
import InventoryCore
import InventoryModel
import Testing

// Issue 11 item 7: a Resource Data Sync folder of many one-row objects costs what its bytes cost.
// Work is counted in SQLite page fetches, not seconds: ingesting three times the files must fetch
// about three times the pages (a per-file query over everything stored so far would make it nine).

@Suite struct DataSyncScalingTests {
    /// Writes `count` one-row Data Sync objects (one node each) and ingests them into a fresh store;
    /// returns the page fetches of the ingest and the snapshot.
    private func ingest(files count: Int) throws -> (pages: Int, snapshot: SnapshotInfo) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("datasync-scaling-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let leaf = directory.appendingPathComponent(
            "sync/AWS:Application/accountid=111122223333/region=us-east-1/resourcetype=ManagedInstanceInventory")
        try FileManager.default.createDirectory(at: leaf, withIntermediateDirectories: true)
        for index in 0..<count {
            let node = "i-" + String(format: "%017x", 0x1234_5678_9abc + index)
            let line = """
                {"Name":"pkg-\(index % 97)","Version":"1.\(index % 13)","Publisher":"Example","resourceId":"\(node)",\
                "captureTime":"2026-11-01T02:41:17Z","schemaVersion":"1.1"}

                """
            try Data(line.utf8).write(to: leaf.appendingPathComponent(node + ".json"))
        }
        let store = try InventoryStore(path: directory.appendingPathComponent("store.sqlite").path)
        let before = try store.pageAccesses()
        let result = try Ingestor(options: IngestOptions(), toolVersion: "test")
            .run(paths: [directory.appendingPathComponent("sync").path], store: store)
        return (try store.pageAccesses() - before, result.snapshot)
    }

    @Test func pageFetchesGrowLinearlyWithTheFileCount() throws {
        let small = try ingest(files: 1_000)
        let large = try ingest(files: 3_000)
        #expect(small.snapshot.nodeCount == 1_000 && large.snapshot.nodeCount == 3_000)
        #expect(large.snapshot.entryCount == 3_000 && large.snapshot.fileCount == 3_000)
        let ratio = Double(large.pages) / Double(small.pages)
        // 3× the files: 3× the pages, plus a little for deeper B-trees; quadratic work would be ~9×.
        #expect(ratio < 3.6, "3,000 files fetched \(large.pages) pages, 1,000 fetched \(small.pages): \(ratio)×")
    }
}
