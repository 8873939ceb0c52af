import Foundation
import Testing
import XlsxInspection
import XlsxWriter

/// The one atomic-replace routine: what commit, discard, failure and release leave on disk.
@Suite struct AtomicFileTests {
    @Test func temporaryNameIsHiddenBesideTheTarget() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let file = AtomicFile(replacing: dir.file("table.csv"))
        #expect(file.temporaryPath.hasPrefix(dir.file(".table.csv.tmp-\(getpid())-")))
        #expect(AtomicFile(replacing: "plain.csv").temporaryPath.hasPrefix("./.plain.csv.tmp-"))
        #expect(AtomicFile(replacing: "a").temporaryPath != AtomicFile(replacing: "a").temporaryPath)
        file.discard()
    }

    @Test func commitReplacesTheTargetAndLeavesOnlyIt() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir.file("t.txt")))
        let file = AtomicFile(replacing: dir.file("t.txt"))
        try Data("new".utf8).write(to: URL(fileURLWithPath: file.temporaryPath))
        #expect(try String(contentsOfFile: dir.file("t.txt"), encoding: .utf8) == "old")
        try file.commit()
        #expect(file.isFinished)
        #expect(try String(contentsOfFile: dir.file("t.txt"), encoding: .utf8) == "new")
        #expect(try dir.contents() == ["t.txt"])
        #expect(throws: AtomicFile.Failure.self) { try file.commit() }
    }

    @Test func discardAndReleaseRemoveTheTemporaryFile() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        let discarded = AtomicFile(replacing: dir.file("a.txt"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: discarded.temporaryPath))
        discarded.discard()
        #expect(try dir.contents() == [])
        do {
            let released = AtomicFile(replacing: dir.file("b.txt"))
            try Data("x".utf8).write(to: URL(fileURLWithPath: released.temporaryPath))
            #expect(try dir.contents().count == 1)
        }
        #expect(try dir.contents() == [])
    }

    @Test func failedRenameRemovesTheTemporaryFileAndKeepsTheTarget() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        // A non-empty directory at the target makes rename(2) fail.
        try FileManager.default.createDirectory(atPath: dir.file("busy/inner"), withIntermediateDirectories: true)
        let file = AtomicFile(replacing: dir.file("busy"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: file.temporaryPath))
        let failure = #expect(throws: AtomicFile.Failure.self) { try file.commit() }
        #expect(failure?.operation.hasPrefix("rename ") == true)
        #expect(try dir.contents() == ["busy"])
    }

    @Test func missingTemporaryFileFailsWithoutTouchingTheTarget() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanUp() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir.file("t.txt")))
        let file = AtomicFile(replacing: dir.file("t.txt"))
        let failure = #expect(throws: AtomicFile.Failure.self) { try file.commit() }
        #expect(failure?.operation.hasSuffix("for fsync") == true)
        #expect(try String(contentsOfFile: dir.file("t.txt"), encoding: .utf8) == "old")
    }
}
