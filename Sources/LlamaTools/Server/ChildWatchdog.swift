import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Ends a llama.cpp child within about a second of quantorch's death, however it died.
///
/// SIGKILL of quantorch cannot be intercepted, so the child is ended from outside: for each
/// registered child, a small `/bin/sh` loop checks once a second that quantorch and the child
/// are both alive; when quantorch is gone and the child is not, it sends the child SIGKILL, and
/// when the child is gone it exits by itself. Both are identified by PID and start time (field
/// 22 of `/proc/<pid>/stat`), so a zombie counts as gone and a recycled PID is never signalled.
///
/// The loop is double-forked: swift-subprocess spawns an outer `sh` that starts the loop in the
/// background and exits at once; swift-subprocess reaps that outer shell (it waits on its own
/// children's pidfds only, so no other wait is disturbed), and the loop, reparented to init or
/// the nearest subreaper, never becomes quantorch's zombie. swift-subprocess closes every other
/// descriptor in the child, so the loop holds none of quantorch's pipes or log files. A
/// non-interactive shell starts background jobs with SIGINT ignored, and the loop ignores
/// SIGHUP, so Ctrl-C or a closed terminal stops quantorch and its children but not the loop
/// that covers them. A SIGKILL in the few milliseconds between a child's spawn and its
/// watchdog's start is not covered.
///
/// ```swift
/// await ChildWatchdog.watch(serverPID)   // right after spawn, before anything can go wrong
/// ```
enum ChildWatchdog {
    /// The `$0` of every watchdog shell, so that `ps` shows what it is.
    static let processName = "quantorch-watchdog"

    /// The loop, with `$1 $2` quantorch's PID and start, `$3 $4` the child's.
    static let script = """
        ( trap '' HUP
        alive() {
            read -r stat 2>/dev/null < "/proc/$1/stat" || return 1
            set -- "$2" ${stat##*") "}
            [ "$2" != Z ] && [ "$2" != X ] && [ "${21}" = "$1" ]
        }
        while alive "$1" "$2" && alive "$3" "$4"; do sleep 1; done
        alive "$1" "$2" || { alive "$3" "$4" && kill -KILL "$3"; }
        ) </dev/null >/dev/null 2>&1 &
        """

    private static let ownPID = getpid()
    private static let ownStart = ProcessStatus.startTicks(ownPID)

    /// Starts the watchdog of `child`, which must be this process's unreaped child (so that
    /// its PID cannot have been recycled yet). Returns once the loop runs in the background.
    /// When no watchdog can be started, says so on stderr and returns: the run goes on,
    /// unprotected only against SIGKILL of quantorch.
    static func watch(_ child: Int32) async {
        guard let ownStart, let childStart = ProcessStatus.startTicks(child) else {
            warn(child, "/proc does not show it")
            return
        }
        do {
            let result = try await Subprocess.run(
                .path(FilePath("/bin/sh")),
                arguments: ["-c", script, processName, String(ownPID), String(ownStart), String(child), String(childStart)],
                input: .none, output: .discarded, error: .discarded)
            if result.terminationStatus != .exited(0) {
                warn(child, "/bin/sh \(ProcessTermination(result.terminationStatus))")
            }
        } catch {
            warn(child, "\(error)")
        }
    }

    private static func warn(_ child: Int32, _ reason: String) {
        let line = "quantorch: warning: cannot start the watchdog of child process \(child) (\(reason)); "
            + "should quantorch be killed with SIGKILL, stop that process yourself\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
