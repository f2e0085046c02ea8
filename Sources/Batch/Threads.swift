#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Threads for the batch: started with `pthread_create` directly, at once. (Foundation's
/// `Thread` started its body 1-3 ms late in a fresh process, and Dispatch's pool grows lazily:
/// it started the second job up to 4 ms after the first, a tenth of a 1,000-scenario run.)
package enum Threads {
    /// Runs `body` on a new thread.
    package static func start(_ body: @escaping @Sendable () -> Void) {
        final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // GLPK and the model resolution recurse little, but give the same room as the main thread.
        pthread_attr_setstacksize(&attributes, 8 << 20)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        if started != 0 {
            // No thread to be had: run it here rather than lose the work.
            Unmanaged<Box>.fromOpaque(context).takeRetainedValue().body()
        }
    }

    /// Runs `body` on `count` threads, this one and `count - 1` new ones, and waits for them all.
    package static func run(_ count: Int, _ body: @escaping @Sendable () -> Void) {
        let finished = DispatchGroup()
        for _ in 1..<max(1, count) {
            finished.enter()
            start {
                body()
                finished.leave()
            }
        }
        body()
        finished.wait()
    }
}
