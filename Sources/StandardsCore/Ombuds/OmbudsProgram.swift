import Foundation

/// The ombuds program as the seed describes it (S0; a3.1–a3.5, b10): confidential, impartial, informal and
/// independent help that keeps no identifiable record. What survives a matter is `OmbudsRecord`: dates, the kind of
/// concern, the services used and the outcome, and nothing that could name anyone.

/// The kinds of concern the seed lists ("Types of Concerns to Raise with Ombuds").
public enum OmbudsConcern: String, CaseIterable, Codable, Sendable {
    case generalQuestion = "general-question"
    case transactionDisagreement = "transaction-disagreement"
    case lostContact = "lost-contact"
    case conduct
    case commission

    public var label: String {
        switch self {
        case .generalQuestion: "General real estate or transactional questions"
        case .transactionDisagreement: "Disagreements or communication issues related to real estate transactions"
        case .lostContact: "Breakdown or loss of contact between parties or with a REALTOR®"
        case .conduct: "Unprofessional or potentially unethical conduct"
        case .commission: "Commission disputes"
        }
    }
}

/// What the ombuds may do (a3.2, "Ombuds Services"): never investigate, judge the merits, recommend or impose.
public enum OmbudsService: String, CaseIterable, Codable, Sendable {
    case information, options, referral, coaching
    case shuttleDiplomacy = "shuttle-diplomacy"
    case facilitatedDiscussion = "facilitated-discussion"

    public var label: String {
        switch self {
        case .information: "Answered general questions and gave information"
        case .options: "Reviewed and explained options and resources"
        case .referral: "Referred to other complaint resolution or enforcement resources"
        case .coaching: "Coached on conflict resolution"
        case .shuttleDiplomacy: "Shuttle diplomacy between the parties"
        case .facilitatedDiscussion: "Facilitated discussion between the parties"
        }
    }
}

/// How a matter ended. None of these is a finding: the ombuds does not adjudicate (a3.2, b10.2).
public enum OmbudsOutcome: String, CaseIterable, Codable, Sendable {
    case answered
    case agreedPlan = "agreed-plan"
    case referred
    case userEnded = "user-ended"
    case noAgreement = "no-agreement"
    /// A public-trust allegation ends ombuds handling with a referral (a3.4, b10.5, b11.1).
    case publicTrustReferral = "public-trust-referral"

    public var label: String {
        switch self {
        case .answered: "Question answered"
        case .agreedPlan: "Resolution plan agreed by all parties"
        case .referred: "Referred elsewhere"
        case .userEnded: "The user ended it"
        case .noAgreement: "No agreement reached"
        case .publicTrustReferral: "Ended: public-trust allegation referred"
        }
    }
}

/// How the user reached the ombuds: the web page, or a phone call or email the ombuds logs the same way (a3.1).
public enum OmbudsChannel: String, CaseIterable, Codable, Sendable {
    case web, phone, email
}

/// The exceptions to confidentiality (a3.4): recorded as a flagged event holding only the minimum needed.
public enum OmbudsException: String, CaseIterable, Codable, Sendable {
    case imminentHarm = "imminent-harm"
    case legalDuty = "legal-duty"
    /// Misappropriation of client or customer funds or property (b11.1).
    case misappropriation
    /// Willful discrimination (b11.1).
    case discrimination
    /// Fraud resulting in substantial economic harm (b11.1).
    case fraud

    public var label: String {
        switch self {
        case .imminentHarm: "Imminent risk of serious harm to the user or others"
        case .legalDuty: "A duty to disclose imposed by law"
        case .misappropriation: "Public trust: misappropriation of client or customer funds or property"
        case .discrimination: "Public trust: willful discrimination"
        case .fraud: "Public trust: fraud resulting in substantial economic harm"
        }
    }

    /// A public-trust allegation ends the ombuds' handling (b10.5); the other exceptions do not.
    public var isPublicTrust: Bool { [.misappropriation, .discrimination, .fraud].contains(self) }
}

/// What the user accepts before anything is taken (a3.5); the acceptance is recorded without identity.
public enum OmbudsConditions {
    public static let version = "2026-12-01"
    public static let items = [
        "I will never seek to force the ombuds to disclose any information received in the course of providing ombuds services.",
        "I will not seek to involve the ombuds in any later administrative or legal proceedings.",
        "I will not rely on or introduce into evidence in later proceedings any information another party revealed while using the ombuds program.",
    ]
    /// What the ombuds will not do (a3.2), said before the user writes.
    public static let limits = "The ombuds will not investigate, decide who is right, make recommendations, impose a solution, or take part in any later formal process. Talking to the ombuds is not notice to the association for any purpose."
}

/// What remains of a closed matter (a3.3): no names, no text, only what the Board's trends are made of.
public struct OmbudsRecord: Sendable, Equatable, Codable {
    public let openedOn: CivilDate
    public let closedOn: CivilDate
    public let channel: OmbudsChannel
    public let concern: OmbudsConcern
    public let services: [OmbudsService]
    public let outcome: OmbudsOutcome

    public init(openedOn: CivilDate, closedOn: CivilDate, channel: OmbudsChannel, concern: OmbudsConcern, services: [OmbudsService], outcome: OmbudsOutcome) {
        self.openedOn = openedOn; self.closedOn = closedOn; self.channel = channel; self.concern = concern
        self.services = services; self.outcome = outcome
    }

    public var daysToResolution: Int { max(0, openedOn.days(to: closedOn)) }
}

/// High-level trends for the Board (S0 "reports only high-level trends"): counts by concern, service, outcome and
/// month of closing, with small counts suppressed so nobody can be recognised from them.
public struct OmbudsTrends: Sendable, Equatable {
    /// A count as shown: the number, or suppressed (fewer than the threshold, or hidden so a total cannot reveal one).
    public enum Cell: Sendable, Equatable {
        case count(Int)
        case suppressed
        public var text: String { if case .count(let n) = self { String(n) } else { "—" } }
    }
    public struct Row: Sendable, Equatable {
        public let key: String
        public let label: String
        public let cell: Cell
    }

    public let threshold: Int
    public let total: Cell
    public let byConcern: [Row]
    public let byService: [Row]
    public let byOutcome: [Row]
    public let byMonth: [Row]
    /// The median days from opening to closing, when enough matters closed to show it.
    public let medianDays: Int?

    /// Fewer matters than this in a cell are not shown.
    public static let defaultThreshold = 5

    public init(_ records: [OmbudsRecord], threshold: Int = defaultThreshold) {
        self.threshold = threshold
        total = records.count >= threshold || records.isEmpty ? .count(records.count) : .suppressed
        byConcern = Self.rows(OmbudsConcern.allCases.map { c in (c.rawValue, c.label, records.filter { $0.concern == c }.count) }, threshold)
        byService = Self.rows(OmbudsService.allCases.map { s in (s.rawValue, s.label, records.filter { $0.services.contains(s) }.count) }, threshold,
                              exclusive: false)
        byOutcome = Self.rows(OmbudsOutcome.allCases.map { o in (o.rawValue, o.label, records.filter { $0.outcome == o }.count) }, threshold)
        // "2026-10": the closing day's month, cut from its ISO text.
        func month(_ record: OmbudsRecord) -> String { String(record.closedOn.description.prefix(7)) }
        byMonth = Self.rows(Set(records.map(month)).sorted().map { m in (m, m, records.filter { month($0) == m }.count) }, threshold)
        let days = records.map(\.daysToResolution).sorted()
        medianDays = days.count >= threshold ? days[days.count / 2] : nil
    }

    /// Cells from 1 to threshold − 1 are suppressed. Where the shown total would give a lone suppressed cell away
    /// (categories that partition the records), the next smallest shown cell is suppressed with it.
    static func rows(_ counts: [(String, String, Int)], _ threshold: Int, exclusive: Bool = true) -> [Row] {
        var hidden = Set(counts.indices.filter { (1..<threshold).contains(counts[$0].2) })
        if exclusive, hidden.count == 1,
           let next = counts.indices.filter({ !hidden.contains($0) && counts[$0].2 > 0 }).min(by: { counts[$0].2 < counts[$1].2 }) {
            hidden.insert(next)
        }
        return counts.indices.map { Row(key: counts[$0].0, label: counts[$0].1, cell: hidden.contains($0) ? .suppressed : .count(counts[$0].2)) }
    }
}

/// Free text the ombuds program takes (a message, a working note, contact details): bounded, and without control
/// characters that would hide text from the reader.
public enum OmbudsText {
    public static let messageLimit = 5_000
    public static let noteLimit = 2_000
    public static let contactLimit = 300
    public static let disclosureLimit = 500

    /// What is wrong with a text, as values a page words in its reader's language.
    public enum Problem: Equatable, Sendable {
        case missing
        case tooLong(limit: Int, count: Int)
        case controlCharacters
    }

    /// What is wrong with `text`, or nil.
    public static func check(_ text: String, limit: Int, required: Bool) -> Problem? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return required ? .missing : nil }
        if trimmed.count > limit { return .tooLong(limit: limit, count: trimmed.count) }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) {
            return .controlCharacters
        }
        return nil
    }

    /// Why `text` cannot be taken, in English, or nil.
    public static func problem(_ text: String, limit: Int, required: Bool, what: String) -> String? {
        switch check(text, limit: limit, required: required) {
        case nil: nil
        case .missing: "Write \(what)."
        case .tooLong(let limit, let count): "Keep \(what) under \(limit) characters (it has \(count))."
        case .controlCharacters: "Remove the control characters from \(what)."
        }
    }
}

/// A working note lives only as long as it is needed to track follow-up steps (a3.3): it expires on its own.
public enum OmbudsNotes {
    public static let defaultDays = 30
    public static let maxDays = 90

    /// The day a note kept for `days` expires, or why it cannot be kept so long.
    public static func expiry(from today: CivilDate, days text: String) -> Result<CivilDate, OmbudsRefusal> {
        guard let days = Int(text.trimmingCharacters(in: .whitespaces)), (1...maxDays).contains(days) else {
            return .failure(OmbudsRefusal("Keep a working note from 1 to \(maxDays) days: notes are short-term only (a3.3)."))
        }
        return .success(today.adding(days: days))
    }
}

/// A refusal in the ombuds program, in words for the field it belongs beside.
public struct OmbudsRefusal: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// What the ombuds gives when closing a matter, checked before anything is destroyed. No finding, recommendation or
/// sanction can be recorded (a3.2): only the services used, how it ended and, for an agreed resolution plan, what
/// information the parties agreed to release and to whom (a3.3).
public struct OmbudsClosing: Sendable, Equatable {
    public var services: [OmbudsService]
    public var outcome: OmbudsOutcome?
    public var released: String
    public var releasedTo: String

    public init(services: [OmbudsService], outcome: OmbudsOutcome?, released: String = "", releasedTo: String = "") {
        self.services = services; self.outcome = outcome; self.released = released; self.releasedTo = releasedTo
    }

    /// The closing's problems by field name.
    public func problems() -> [String: String] {
        var problems: [String: String] = [:]
        if services.isEmpty { problems["services"] = "Tick the services used: the anonymous record keeps them for the Board's trends." }
        switch outcome {
        case nil: problems["outcome"] = "Choose how the matter ended."
        case .publicTrustReferral?:
            problems["outcome"] = "A public-trust allegation is recorded as an exception, which ends the matter with a referral (a3.4, b10.5)."
        default: break
        }
        let released = released.trimmingCharacters(in: .whitespacesAndNewlines), to = releasedTo.trimmingCharacters(in: .whitespacesAndNewlines)
        if !released.isEmpty || !to.isEmpty {
            if outcome != .agreedPlan {
                problems["released"] = "Nothing is released except as part of a resolution plan agreed by all parties (a3.3)."
            } else if released.isEmpty || to.isEmpty {
                problems["released"] = "Say both what the plan releases and to whom."
            } else if let problem = OmbudsText.problem(released, limit: OmbudsText.disclosureLimit, required: true, what: "what is released")
                        ?? OmbudsText.problem(to, limit: 200, required: true, what: "to whom") {
                problems["released"] = problem
            }
        }
        return problems
    }
}

/// A dated certificate that an informal process ran, with no content (a1.3): taken to a later ethics complaint or
/// arbitration request, it suspends the 180-day window from the day it began to the day it ended.
public struct InformalProcessSpan: Sendable, Equatable {
    public let beganOn: CivilDate
    /// Nil while the matter is still open.
    public let endedOn: CivilDate?
    public init(beganOn: CivilDate, endedOn: CivilDate?) { self.beganOn = beganOn; self.endedOn = endedOn }

    /// The `informal-process.recorded` payload a filing carries for it.
    public var payload: Payload {
        var payload: Payload = ["process": .text("ombuds"), "startedOn": .text(beganOn.description)]
        if let endedOn { payload["endedOn"] = .text(endedOn.description) }
        return payload
    }
}
