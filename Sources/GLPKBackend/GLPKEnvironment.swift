import CGLPK
import Synchronization

/// GLPK's per-thread environment hooks. GLPK prints to stdout and calls `abort()` on invalid
/// arguments; lcaopt installs a terminal hook on every thread that calls GLPK so nothing reaches
/// stdout (messages go to the debug log when enabled), and validates all data in Swift before
/// calling GLPK, so that the error hook below is never reached.
public enum GLPKEnvironment {
    private static let debugSink = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// Receives GLPK's own messages (debug level); nil (the default) discards them.
    public static func setDebugLog(_ sink: (@Sendable (String) -> Void)?) {
        debugSink.withLock { $0 = sink }
    }

    /// GLPK's version string, e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }

    /// Runs `body` with GLPK's messages going to `sink` instead of the debug log.
    static func capturing<T>(_ sink: @escaping @Sendable (String) -> Void, _ body: () -> T) -> T {
        let previous = debugSink.withLock { current in
            let previous = current
            current = sink
            return previous
        }
        defer { debugSink.withLock { $0 = previous } }
        return body()
    }

    /// Installs the hooks for the calling thread (GLPK 5 keeps its environment per thread).
    static func installHooks() {
        glp_term_hook(terminalHook, nil)
        glp_error_hook(errorHook, nil)
    }

    private static let terminalHook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { _, text in
        if let text, let sink = GLPKEnvironment.debugSink.withLock({ $0 }) {
            sink("glpk: " + String(cString: text).trimmingTrailingNewline())
        }
        return 1 // non-zero: GLPK prints nothing itself
    }

    /// Reached only if GLPK finds invalid data that Swift validation missed; GLPK aborts after it.
    private static let errorHook: @convention(c) (UnsafeMutableRawPointer?) -> Void = { _ in
        let message = "lcaopt: internal error: GLPK rejected data that lcaopt should have validated; please report this with the model\n"
        message.withCString { _ = write(2, $0, strlen($0)) }
    }
}

extension String {
    func trimmingTrailingNewline() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
