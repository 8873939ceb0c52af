import CZlib

/// Why gzip data could not be inflated; the one set of messages for whole and streamed files.
struct GzipError: Error, Sendable, Equatable {
    /// What went wrong, e.g. "gzip data is truncated (the compressed stream ends early)".
    var message: String
    /// Offset in the compressed input, when known.
    var byteOffset: Int?
}

/// The project's one gzip reader: an incremental inflater that both the whole-buffer decoder
/// (`InputBytes`) and the streaming reader (`ChunkedByteSource`) drive, so they accept the same
/// files, enforce the same output limit and fail with the same messages.
///
/// Accepts concatenated members and trailing NUL padding (left by some tape/S3 tools); anything
/// else after a member is an error. Offsets in errors count compressed bytes from the start of
/// the input. Call `inflate` until it has consumed the input (and as long as it fills the output
/// buffer), then `finish` once the input has ended.
final class GzipInflater {
    private enum State {
        /// Inside a member: bytes go to zlib.
        case member
        /// A member ended: next comes padding, another member, or the end.
        case betweenMembers
        /// A member ended and 1F (the first magic byte) was read; 8B must follow.
        case magicByte
        /// NULs after a member: only NULs may follow.
        case padding
    }

    private var stream = z_stream()
    private var state = State.member
    private let limit: Int
    /// Compressed bytes consumed so far.
    private var consumed = 0
    /// Decompressed bytes produced so far.
    private(set) var produced = 0
    /// Where the last member ended: errors in what follows it point here.
    private var memberEnd = 0

    /// Prepares zlib for gzip input (one or more members).
    /// - Parameter limit: the most decompressed bytes to produce before failing (gzip bombs).
    init(limit: Int) throws(GzipError) {
        self.limit = limit
        guard czlib_inflate_init2(&stream, 15 + 32) == Z_OK else {
            throw GzipError(message: "cannot initialise zlib")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates from the start of `input` into `output`; one step, so a large expansion comes
    /// out over several calls.
    /// - Returns: how many bytes of `input` were consumed and of `output` were filled. Call again
    ///   with the unconsumed rest; with an empty rest, call again while `output` comes back full
    ///   (zlib may hold more output).
    /// - Throws: `GzipError` for corrupt data, data after a member, or output beyond the limit.
    func inflate(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        throws(GzipError) -> (consumed: Int, produced: Int)
    {
        switch state {
        case .member:
            return try inflateMember(input, into: output)
        case .betweenMembers:
            guard let first = input.first else { return (0, 0) }
            if first == 0 {
                state = .padding
                return (0, 0)
            }
            guard first == 0x1F else { throw trailingData() }
            if input.count == 1 {
                // The magic is split across inputs: keep the 1F and look at the next byte later.
                state = .magicByte
                consumed += 1
                return (1, 0)
            }
            guard input[1] == 0x8B else { throw trailingData() }
            try startMember()
            return (0, 0)
        case .magicByte:
            guard let first = input.first else { return (0, 0) }
            guard first == 0x8B else { throw trailingData() }
            try startMember()
            // zlib has not seen the 1F consumed earlier; it goes in alone and yields nothing.
            var magic: UInt8 = 0x1F
            let fed = try withUnsafeMutablePointer(to: &magic) { pointer throws(GzipError) in
                try inflateMember(UnsafeBufferPointer(start: pointer, count: 1), into: output, counting: false)
            }
            return (0, fed.produced)
        case .padding:
            guard input.allSatisfy({ $0 == 0 }) else { throw trailingData() }
            consumed += input.count
            return (input.count, 0)
        }
    }

    /// Declares the end of the input.
    /// - Throws: `GzipError` when it ended inside a member or after a lone 1F.
    func finish() throws(GzipError) {
        switch state {
        case .member:
            throw GzipError(message: "gzip data is truncated (the compressed stream ends early)", byteOffset: consumed)
        case .magicByte:
            throw trailingData()
        case .betweenMembers, .padding:
            break
        }
    }

    private func trailingData() -> GzipError {
        GzipError(message: "unexpected data after the end of the gzip stream", byteOffset: memberEnd)
    }

    private func startMember() throws(GzipError) {
        guard inflateReset(&stream) == Z_OK else {
            throw GzipError(message: "cannot reset zlib for the next gzip member")
        }
        state = .member
    }

    /// One zlib call; `counting` is false for a byte already counted as consumed.
    private func inflateMember(
        _ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>, counting: Bool = true
    ) throws(GzipError) -> (consumed: Int, produced: Int) {
        let offered = min(input.count, Int(UInt32.max))
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(offered)
        stream.next_out = output.baseAddress
        stream.avail_out = UInt32(min(output.count, Int(UInt32.max)))
        let space = Int(stream.avail_out)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        let used = offered - Int(stream.avail_in)
        let made = space - Int(stream.avail_out)
        if counting { consumed += used }
        if produced + made > limit {
            throw GzipError(message: "gzip data expands beyond the \(Self.describeSize(limit)) limit")
        }
        produced += made
        switch status {
        case Z_OK:
            break
        case Z_BUF_ERROR:
            // With all input used, zlib is waiting for bytes not yet given (or never coming: `finish`).
            if used < offered {
                throw GzipError(message: "gzip decompression made no progress", byteOffset: consumed)
            }
        case Z_STREAM_END:
            state = .betweenMembers
            memberEnd = consumed
        case Z_NEED_DICT, Z_DATA_ERROR:
            let reason = stream.msg.map { String(cString: $0) } ?? "invalid compressed data"
            throw GzipError(message: "corrupt gzip data (\(reason))", byteOffset: consumed)
        case Z_MEM_ERROR:
            throw GzipError(message: "out of memory while decompressing gzip data")
        default:
            let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            throw GzipError(message: "gzip decompression failed (\(reason))")
        }
        return (used, made)
    }

    /// "4 GiB", "64 MiB" or "100000-byte", for the limit message.
    static func describeSize(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes)-byte"
    }
}
