import Foundation
import InventoryCore
import Testing

/// One `Diagnostic` travels unchanged from a decoder to the ingest result, the store and JSON.
@Suite struct DiagnosticsTests {
    @Test func description_names_file_line_column_severity_and_path() {
        let full = Diagnostic(.warning, file: "a.json", line: 3, column: 7, jsonPath: "$.x[1]", "bad")
        #expect(full.description == "a.json:3:7: warning: bad (at $.x[1])")
        #expect(Diagnostic(.note, file: "b.json", "hello").description == "b.json: note: hello")
        // A column without a line says nothing useful and is left out.
        #expect(Diagnostic(.error, file: "c.json", column: 4, "x").description == "c.json: error: x")
    }

    @Test func the_stored_form_round_trips_and_old_strings_still_read() throws {
        let original = Diagnostic(.error, file: "a.json", line: 2, column: 5, jsonPath: "$.Entities[0]", "failed: boom")
        #expect(Diagnostic(jsonValue: original.jsonValue, file: "other") == original)
        let legacy = Diagnostic(jsonValue: .string("a.json:2: warning: old text"), file: "a.json")
        #expect(legacy == Diagnostic(.warning, file: "a.json", "a.json:2: warning: old text"))
        #expect(Diagnostic(jsonValue: .number("1"), file: "a.json") == nil)
    }

    @Test func json_output_carries_every_field() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(
            decoding: try encoder.encode(Diagnostic(.warning, file: "f", line: 1, column: 2, jsonPath: "$", "m")), as: UTF8.self)
        #expect(text == #"{"column":2,"file":"f","jsonPath":"$","line":1,"message":"m","severity":"warning"}"#)
    }

    @Test func a_skipped_row_reaches_the_result_and_the_store_with_its_json_path() throws {
        let dir = try TempDir()
        let file = try dir.write(
            "inv.json",
            #"{"Entities":[{"Id":"i-0123456789abcdef0","Data":{"AWS:Application":{"TypeName":"AWS:Application","SchemaVersion":"1.1","CaptureTime":"2026-11-01T03:00:00Z","Content":[{"Name":"a","Version":"1"},"oops"]}}}]}"#
        )
        let store = try memoryStore()
        let result = try ingest(store, [file])
        let skipped = try #require(result.warnings.first { $0.message.contains("non-object rows skipped") })
        #expect(skipped.severity == .warning)
        #expect(skipped.file == file)
        #expect(skipped.jsonPath == "$.Entities[Id=i-0123456789abcdef0].Data.AWS:Application.Content")
        let stored = try store.sourceFiles(snapshotId: result.snapshot.id).flatMap(\.warnings)
        #expect(stored.contains(skipped), "the store keeps the same diagnostic: \(stored)")
    }

    @Test func strict_turns_warnings_into_a_failed_ingest_that_stores_nothing() throws {
        let dir = try TempDir()
        let file = try dir.write(
            "inv.json",
            #"{"Entities":[{"Id":"i-0123456789abcdef0","Data":{"AWS:Application":{"TypeName":"AWS:Application","SchemaVersion":"1.1","CaptureTime":"2026-11-01T03:00:00Z","Content":["oops",{"Name":"a"}]}}}]}"#
        )
        let store = try memoryStore()
        var ingestor = Ingestor(options: IngestOptions(strict: true), toolVersion: "test")
        ingestor.now = { Date(timeIntervalSince1970: 1_800_000_000) }
        #expect {
            _ = try ingestor.run(paths: [file], store: store)
        } throws: { error in
            guard case .strict(let diagnostics) = error as? InventoryError else { return false }
            return diagnostics.count == 1 && diagnostics[0].jsonPath != nil
        }
        #expect(try store.snapshots().isEmpty)
    }
}
