import Foundation

/// What an administrator sets for an association (issue 13, item 2), checked here so the web form and any later
/// API refuse the same things with the same words. Each problem is keyed by its field.
public struct AssociationSettings: Sendable, Equatable, Codable {
    public var name: String
    /// The short name in every address: `/a/obar/cases`.
    public var slug: String
    public var ruleProfile: String
    public var timeZone: String
    public var holidayCalendar: String
    /// Closure days, one `YYYY-MM-DD` per line or separated by commas.
    public var closureDays: String
    public var boardSize: Int?
    public var boardQuorum: Int?
    /// The address its email goes out from; empty: the installation's (`PSDESK_MAIL_FROM`).
    public var senderEmail: String = ""
    /// The letterhead's postal address, a line each.
    public var letterheadAddress: String = ""
    /// Printed under the signature of every letter.
    public var signatureLine: String = ""

    public init(name: String = "", slug: String = "", ruleProfile: String = "nar", timeZone: String = "America/New_York",
                holidayCalendar: String = "us-federal", closureDays: String = "", boardSize: Int? = nil, boardQuorum: Int? = nil) {
        self.name = name; self.slug = slug; self.ruleProfile = ruleProfile; self.timeZone = timeZone
        self.holidayCalendar = holidayCalendar; self.closureDays = closureDays; self.boardSize = boardSize; self.boardQuorum = boardQuorum
    }

    public static let calendars = ["us-federal", "none"]
    /// A Board is at least three directors; larger than a hundred is a typing slip.
    public static let boardSizes = 3...100
    /// Words a short name may not be: they are paths of their own.
    static let reservedSlugs: Set<String> = ["new", "administration", "login", "logout", "api", "file", "track", "welcome"]

    /// The closure days as dates, in order, each once; nil when one is not a date.
    public var closureDates: [CivilDate]? {
        var days: Set<CivilDate> = []
        for text in closureDays.split(whereSeparator: { $0 == "," || $0.isNewline || $0 == " " }) {
            guard let day = CivilDate(String(text)), day.isPlausible else { return nil }
            days.insert(day)
        }
        return days.sorted()
    }

    /// The closure days as stored: comma-separated, in order.
    public var closureDaysText: String { (closureDates ?? []).map(\.description).joined(separator: ",") }

    public func problems(knownProfiles: Set<String>) -> [String: String] {
        var problems: [String: String] = [:]
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { problems["name"] = "Enter the association's name." } else if name.count > 200 { problems["name"] = "Keep the name under 200 characters." }
        let slugCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-")
        if slug.isEmpty || slug.count > 40 || slug.unicodeScalars.contains(where: { !slugCharacters.contains($0) }) || slug.hasPrefix("-") || slug.hasSuffix("-") {
            problems["slug"] = "Use 1 to 40 lower-case letters, digits and dashes, like obar."
        } else if Self.reservedSlugs.contains(slug) {
            problems["slug"] = "\"\(slug)\" is a word PSDesk uses in its own addresses; choose another."
        }
        if !knownProfiles.contains(ruleProfile) { problems["ruleProfile"] = "Choose one of the rule profiles: \(knownProfiles.sorted().joined(separator: ", "))." }
        if TimeZone(identifier: timeZone) == nil { problems["timeZone"] = "Choose a time zone such as America/New_York." }
        if !Self.calendars.contains(holidayCalendar) { problems["holidayCalendar"] = "Choose us-federal or none." }
        if closureDates == nil { problems["closureDays"] = "Write each closure day as YYYY-MM-DD, separated by commas or lines." }
        if !senderEmail.isEmpty, !EmailAddress.isPlausible(senderEmail) { problems["senderEmail"] = "Enter the address email goes out from, like standards@board.example, or leave it empty." }
        let addressLines = letterheadAddress.split(whereSeparator: \.isNewline)
        if addressLines.count > 6 || letterheadAddress.count > 400 { problems["letterheadAddress"] = "Keep the address to 6 lines and 400 characters." }
        if signatureLine.count > 200 || signatureLine.contains(where: \.isNewline) { problems["signatureLine"] = "Keep the signature line to one line of 200 characters." }
        if let size = boardSize, Self.boardSizes.contains(size) {
            // A quorum is a majority of the Board at least, and never more than the whole Board.
            if let quorum = boardQuorum, quorum > size / 2, quorum <= size {} else {
                problems["boardQuorum"] = "The quorum is a majority of the Board: from \(size / 2 + 1) to \(size)."
            }
        } else {
            problems["boardSize"] = "Enter the number of directors, from \(Self.boardSizes.lowerBound) to \(Self.boardSizes.upperBound)."
        }
        return problems
    }
}
