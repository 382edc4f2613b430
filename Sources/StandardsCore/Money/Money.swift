/// Money as people type and read it, always held as integer cents. The one place that parses and formats
/// amounts: forms, the discipline text ("fine: 1500.00") and every message.
public enum Money {
    /// "1,250.50", "$500", "500.5" → cents; nil for anything else (negative, three decimals, letters, > $1M).
    public static func cents(_ text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].allSatisfy(\.isNumber), let whole = Int(parts[0]), whole < 100_000_000 else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isNumber), let f = Int(fraction) else { return nil }
        return whole * 100 + (fraction.count == 1 ? f * 10 : f)
    }

    /// 150000 → "$1,500.00".
    public static func format(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = abs(cents)
        var digits = String(magnitude / 100)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        let fraction = magnitude % 100
        return "\(sign)$\(groups.joined(separator: ",")).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
