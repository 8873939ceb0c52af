import CZlib
import Foundation
import InventoryModel
import XlsxWriter

/// Writes one gzip file (JSON lines) through the project's `AtomicFile` (a temporary name beside
/// the target, renamed into place); when the target already holds exactly these bytes it is left untouched, so its
/// modification time stays and `aws s3 sync` uploads nothing. The gzip header carries no time:
/// the same rows always give the same bytes.
final class GzipFileWriter {
    let path: String
    private let file: AtomicFile
    private var temporaryPath: String { file.temporaryPath }
    private let handle: FileHandle
    private var stream = z_stream()
    private var open = true
    private var outBuffer = [UInt8](repeating: 0, count: 1 << 16)

    /// Creates the temporary file (and the folders above it).
    /// - Throws: `InventoryError.report` naming the path.
    init(path: String) throws(InventoryError) {
        self.path = path
        file = AtomicFile(replacing: path)
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .report(message: "\(folder): cannot create the folder: \(SystemErrorText.of(error))")
        }
        let temporary = file.temporaryPath
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary)
        else { throw .report(message: "\(temporary): cannot create the file") }
        self.handle = handle
        guard czlib_deflate_init_gzip(&stream, 6) == Z_OK else {
            try? handle.close()
            file.discard()
            throw .report(message: "\(path): cannot initialise zlib")
        }
    }

    deinit { abandon() }

    /// Appends one line (a newline is added).
    func writeLine(_ text: String) throws(InventoryError) {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        try deflateBytes(bytes, flush: Z_NO_FLUSH)
    }

    /// Completes the file and moves it into place (or keeps an identical existing file).
    func finish() throws(InventoryError) {
        try deflateBytes([], flush: Z_FINISH)
        deflateEnd(&stream)
        open = false
        do { try handle.close() } catch { throw failure("cannot close", error) }
        if let old = FileManager.default.contents(atPath: path), let new = FileManager.default.contents(atPath: temporaryPath),
            old == new
        {
            file.discard()
            return
        }
        do { try file.commit() } catch { throw .report(message: "\(path): cannot move the file into place: \(error.detail)") }
    }

    /// Drops the temporary file (after an error or an interruption).
    func abandon() {
        guard open else { return }
        open = false
        deflateEnd(&stream)
        try? handle.close()
        file.discard()
    }

    private func failure(_ what: String, _ error: any Error) -> InventoryError {
        .report(message: "\(temporaryPath): \(what): \(SystemErrorText.of(error))")
    }

    private func deflateBytes(_ input: [UInt8], flush: Int32) throws(InventoryError) {
        var input = input
        var status: Int32 = Z_OK
        var pending: [UInt8] = []
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            repeat {
                outBuffer.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    status = deflate(&stream, flush)
                    pending.append(contentsOf: outBuffer[0..<(outBuffer.count - Int(stream.avail_out))])
                }
            } while (stream.avail_out == 0 || (flush == Z_FINISH && status == Z_OK)) && status != Z_STREAM_ERROR
        }
        guard status != Z_STREAM_ERROR else { throw .report(message: "\(path): gzip compression failed") }
        if !pending.isEmpty {
            do { try handle.write(contentsOf: pending) } catch { throw failure("cannot write", error) }
        }
    }
}
