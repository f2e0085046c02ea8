/// The closest of `candidates` to a misspelled `word`: case-insensitive edit distance at most a
/// third of the word's length (at least 1, at most 3); nil when none is that close.
public func closest(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    let limit = min(3, max(1, target.count / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(target, Array(candidate.lowercased()))
        if distance <= limit && (best == nil || distance < best!.distance) { best = (candidate, distance) }
    }
    return best?.name
}

/// Levenshtein distance (insertions, deletions, substitutions), with adjacent transpositions.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}

/// "unknown key 'x'" with a did-you-mean, or the list of known keys when nothing is close.
public func unknownKeyHint(_ key: String, known: [String]) -> String {
    if let match = closest(to: key, in: known) { return "did you mean '\(match)'?" }
    return "known keys: " + known.joined(separator: ", ")
}
