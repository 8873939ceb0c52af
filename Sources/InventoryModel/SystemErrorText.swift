import Foundation

/// One readable line for a system or Foundation error: the `strerror` text of its POSIX code
/// ("No space left on device") instead of `Error Domain=NSCocoaErrorDomain Code=640 …`, so every
/// place that writes files reports failures the same way.
public enum SystemErrorText {
    /// `strerror` of the error's POSIX code (its own, or its underlying error's), else its
    /// description with Foundation's domain and code left out.
    public static func of(_ error: any Error) -> String {
        if let inventory = error as? InventoryError { return inventory.description }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteOutOfSpaceError: return String(cString: strerror(ENOSPC))
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return String(cString: strerror(EACCES))
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return String(cString: strerror(ENOENT))
            case NSFileWriteVolumeReadOnlyError: return String(cString: strerror(EROFS))
            default: return nsError.localizedDescription
            }
        }
        return "\(error)"
    }
}
