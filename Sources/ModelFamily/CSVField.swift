/// A CSV field (RFC 4180), quoted when it holds a comma, quote or line break, quotes doubled.
/// The check runs on the UTF-8 bytes: batch runs call this per field and result.
public func csvField(_ text: String) -> String {
    text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
        ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
}
