/// Writes a ``LinearModel`` as CPLEX LP or free MPS text, so that any other solver can read it.
///
/// Names are sanitised to what each format allows (and made unique); ranged rows are written
/// as GLPK does (an equality with a bounded slack column in LP format, a RANGES entry in MPS);
/// an objective constant becomes a column fixed at 1; only the active objective is written.
public enum ModelExport {
    /// The two formats.
    public enum Format: String, Sendable, CaseIterable {
        case lp, mps
    }

    /// The model in `format`, as text.
    public static func text(_ model: LinearModel, format: Format) throws(LPModelError) -> String {
        try model.validate()
        switch format {
        case .lp: return lpText(model)
        case .mps: return mpsText(model)
        }
    }

    // MARK: Names

    /// Unique names allowed by `allowed`, with `prefix` when a name may not start as it does.
    static func sanitisedNames(_ names: [String], prefix: String, lpRules: Bool, taken: inout Set<String>) -> [String] {
        names.enumerated().map { index, name in
            var clean = String(name.unicodeScalars.map { scalar -> Character in
                lpRules ? (isLPNameCharacter(scalar) ? Character(scalar) : "_")
                    : (scalar.value > 32 && scalar.value < 127 ? Character(scalar) : "_")
            })
            if clean.isEmpty { clean = "\(prefix)\(index + 1)" }
            if lpRules, let first = clean.unicodeScalars.first,
               first.properties.numericType != nil || first == "." || first == "e" || first == "E" {
                clean = prefix + clean
            }
            if clean.count > 200 { clean = String(clean.prefix(200)) }
            var unique = clean
            var counter = 1
            while !taken.insert(unique).inserted {
                counter += 1
                unique = "\(clean)~\(counter)"
            }
            return unique
        }
    }

    /// CPLEX LP name characters: letters, digits and !"#$%&()/,.;?@_`'{}|~ (ASCII only).
    static func isLPNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
        return "!\"#$%&()/,.;?@_`'{}|~".unicodeScalars.contains(scalar)
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    // MARK: CPLEX LP

    static func lpText(_ model: LinearModel) -> String {
        var taken = Set<String>()
        let columns = sanitisedNames((0..<model.columnCount).map(model.columnName), prefix: "x", lpRules: true, taken: &taken)
        let rows = sanitisedNames((0..<model.rowCount).map(model.rowName), prefix: "r", lpRules: true, taken: &taken)
        let objective = model.objectives[model.activeObjective]
        let objectiveName = sanitisedNames([objective.name], prefix: "obj", lpRules: true, taken: &taken)[0]
        let constantName = objective.constant != 0 ? sanitisedNames(["constant_term"], prefix: "k", lpRules: true, taken: &taken)[0] : nil
        var out = "\\ Model: \(model.name.filter { $0 != "\n" })\n\\ Objective: \(objective.name.filter { $0 != "\n" })\nMinimize\n \(objectiveName):"
        var terms = zip(objective.variables, objective.coefficients).map { (columns[Int($0.0)], $0.1) }
        if let constantName { terms.append((constantName, objective.constant)) }
        out += terms.isEmpty ? " 0 \(columns.first ?? "x")" : ""
        appendTerms(terms, to: &out)
        out += "\nSubject To\n"
        let matrix = model.compressedRows()
        var slacks: [(name: String, upper: Double)] = []
        for row in 0..<model.rowCount {
            let lower = model.rowLower[row], upper = model.rowUpper[row]
            if !lower.isFinite && !upper.isFinite { continue } // a free row constrains nothing
            var rowTerms = (matrix.rowStart[row]..<matrix.rowStart[row + 1]).map { (columns[Int(matrix.columns[$0])], matrix.values[$0]) }
            out += " \(rows[row]):"
            if rowTerms.isEmpty { rowTerms = [(columns.first ?? "x", 0)] }
            let sense: String, rhs: Double
            if lower.isFinite && upper.isFinite && lower != upper {
                let slack = sanitisedNames(["~r_\(row + 1)"], prefix: "s", lpRules: true, taken: &taken)[0]
                slacks.append((slack, upper - lower))
                rowTerms.append((slack, -1))
                (sense, rhs) = ("=", lower)
            } else if lower == upper {
                (sense, rhs) = ("=", lower)
            } else if lower.isFinite {
                (sense, rhs) = (">=", lower)
            } else {
                (sense, rhs) = ("<=", upper)
            }
            appendTerms(rowTerms, to: &out)
            out += " \(sense) \(number(rhs))\n"
        }
        out += "Bounds\n"
        for column in 0..<model.columnCount {
            let lower = model.columnLower[column], upper = model.columnUpper[column], name = columns[column]
            switch (lower.isFinite, upper.isFinite) {
            case (false, false): out += " \(name) free\n"
            case (true, false): if lower != 0 { out += " \(name) >= \(number(lower))\n" }
            case (false, true): out += " -inf <= \(name) <= \(number(upper))\n"
            case (true, true):
                out += lower == upper ? " \(name) = \(number(lower))\n" : " \(number(lower)) <= \(name) <= \(number(upper))\n"
            }
        }
        for slack in slacks { out += " 0 <= \(slack.name) <= \(number(slack.upper))\n" }
        if let constantName { out += " \(constantName) = 1\n" }
        let integers = (0..<model.columnCount).filter { model.isInteger[$0] }
        if !integers.isEmpty {
            out += "General\n"
            for column in integers { out += " \(columns[column])\n" }
        }
        out += "End\n"
        return out
    }

    /// Appends ` + 3 x - 2 y` with a line break every few terms (LP lines must stay short).
    static func appendTerms(_ terms: [(String, Double)], to out: inout String) {
        for (position, (name, value)) in terms.enumerated() {
            if position > 0 && position % 8 == 0 { out += "\n   " }
            out += value < 0 ? " - \(number(-value)) \(name)" : " + \(number(value)) \(name)"
        }
    }

    // MARK: Free MPS

    static func mpsText(_ model: LinearModel) -> String {
        var taken = Set<String>()
        let columns = sanitisedNames((0..<model.columnCount).map(model.columnName), prefix: "C", lpRules: false, taken: &taken)
        let rows = sanitisedNames((0..<model.rowCount).map(model.rowName), prefix: "R", lpRules: false, taken: &taken)
        let objective = model.objectives[model.activeObjective]
        let objectiveName = sanitisedNames([objective.name], prefix: "OBJ", lpRules: false, taken: &taken)[0]
        let constantName = objective.constant != 0 ? sanitisedNames(["constant_term"], prefix: "K", lpRules: false, taken: &taken)[0] : nil
        let modelName = sanitisedNames([model.name], prefix: "M", lpRules: false, taken: &taken)[0]
        var out = "NAME \(modelName)\nROWS\n N \(objectiveName)\n"
        var kept: [Int] = []
        for row in 0..<model.rowCount {
            let lower = model.rowLower[row], upper = model.rowUpper[row]
            let type: String
            switch (lower.isFinite, upper.isFinite) {
            case (false, false): type = "N"
            case (true, false): type = "G"
            case (false, true): type = "L"
            case (true, true): type = lower == upper ? "E" : "G"
            }
            if type == "N" { continue }
            kept.append(row)
            out += " \(type) \(rows[row])\n"
        }
        // Columns in order, each with its objective entry and matrix entries.
        var byColumn = [[(Int, Double)]](repeating: [], count: model.columnCount)
        let matrix = model.compressedRows()
        let keptSet = Set(kept)
        for row in 0..<model.rowCount where keptSet.contains(row) {
            for entry in matrix.rowStart[row]..<matrix.rowStart[row + 1] {
                byColumn[Int(matrix.columns[entry])].append((row, matrix.values[entry]))
            }
        }
        var costs = [Double](repeating: 0, count: model.columnCount)
        for (position, column) in objective.variables.enumerated() { costs[Int(column)] += objective.coefficients[position] }
        out += "COLUMNS\n"
        var inInteger = false
        var marker = 0
        for column in 0..<model.columnCount {
            if model.isInteger[column] != inInteger {
                marker += 1
                out += " M\(marker) 'MARKER' '\(inInteger ? "INTEND" : "INTORG")'\n"
                inInteger.toggle()
            }
            out += " \(columns[column]) \(objectiveName) \(number(costs[column]))\n"
            for (row, value) in byColumn[column] { out += " \(columns[column]) \(rows[row]) \(number(value))\n" }
        }
        if inInteger { out += " M\(marker + 1) 'MARKER' 'INTEND'\n" }
        if let constantName { out += " \(constantName) \(objectiveName) \(number(objective.constant))\n" }
        out += "RHS\n"
        for row in kept {
            let lower = model.rowLower[row], upper = model.rowUpper[row]
            let rhs = lower.isFinite ? lower : upper
            if rhs != 0 { out += " RHS \(rows[row]) \(number(rhs))\n" }
        }
        let ranged = kept.filter { model.rowLower[$0].isFinite && model.rowUpper[$0].isFinite && model.rowLower[$0] != model.rowUpper[$0] }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for row in ranged { out += " RNG \(rows[row]) \(number(model.rowUpper[row] - model.rowLower[row]))\n" }
        }
        out += "BOUNDS\n"
        for column in 0..<model.columnCount {
            let lower = model.columnLower[column], upper = model.columnUpper[column], name = columns[column]
            if lower == upper {
                out += " FX BND \(name) \(number(lower))\n"
                continue
            }
            switch (lower.isFinite, upper.isFinite) {
            case (false, false): out += " FR BND \(name)\n"
            case (false, true): out += " MI BND \(name)\n UP BND \(name) \(number(upper))\n"
            case (true, _):
                if lower != 0 || model.isInteger[column] { out += " LO BND \(name) \(number(lower))\n" }
                if upper.isFinite { out += " UP BND \(name) \(number(upper))\n" }
                else if model.isInteger[column] { out += " PL BND \(name)\n" }
            }
        }
        if let constantName { out += " FX BND \(constantName) 1\n" }
        out += "ENDATA\n"
        return out
    }
}
