import Foundation

/// stdout and stderr through write(2): a full disk or a closed pipe is a failed write, never a
/// trap, and a failed stdout makes the run exit 2 (the result did not reach its reader).
public enum StandardStreams {
    /// True once a write to stdout failed.
    nonisolated(unsafe) public private(set) static var stdoutFailed = false

    /// Writes all of `text` to `descriptor`, retrying short writes; a failure on stdout is
    /// reported once on stderr and remembered.
    public static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                if descriptor == STDOUT_FILENO, !stdoutFailed {
                    stdoutFailed = true
                    let message = "error: cannot write to standard output: \(String(cString: strerror(errno)))\n"
                    _ = message.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
                }
                return
            }
            done += count
        }
    }
}
