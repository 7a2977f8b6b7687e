import Foundation

/// One line on stderr, where progress and errors go (stdout is kept for `--json`).
enum Stderr {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
