import Foundation

/// An ethics complaint as a member of the public or a member types it into the online form (a1.1):
/// checked here, turned into docket entries by the app.
public struct OnlineComplaint: Sendable, Equatable {
    public struct Respondent: Sendable, Equatable {
        /// A member picked from the registry, or nil with a name (and firm) when unknown.
        public var memberNumber: String?
        public var name: String
        public var firm: String
        public init(memberNumber: String?, name: String, firm: String) { self.memberNumber = memberNumber; self.name = name; self.firm = firm }
    }

    public var firstName: String
    public var lastName: String
    public var email: String
    public var phone: String
    public var address: String
    public var respondents: [Respondent]
    /// Article number → what happened, for each Article cited.
    public var articles: [(article: Int, narrative: String)]
    public var transactionConcludedOn: String
    public var factsKnownOn: String
    public var informalProcess: String      // "", "ombuds", "mediation"
    public var informalStartedOn: String
    public var informalEndedOn: String
    public var litigation: String
    public var signature: String
    public var signatureAgreed: Bool
    /// How it arrived: "online", or "paper" when staff record a complaint that came by post or by hand (a1.5).
    public var channel = "online"

    public init(firstName: String = "", lastName: String = "", email: String = "", phone: String = "", address: String = "",
                respondents: [Respondent] = [], articles: [(article: Int, narrative: String)] = [], transactionConcludedOn: String = "",
                factsKnownOn: String = "", informalProcess: String = "", informalStartedOn: String = "", informalEndedOn: String = "",
                litigation: String = "", signature: String = "", signatureAgreed: Bool = false) {
        self.firstName = firstName; self.lastName = lastName; self.email = email; self.phone = phone; self.address = address
        self.respondents = respondents; self.articles = articles; self.transactionConcludedOn = transactionConcludedOn
        self.factsKnownOn = factsKnownOn; self.informalProcess = informalProcess; self.informalStartedOn = informalStartedOn
        self.informalEndedOn = informalEndedOn; self.litigation = litigation; self.signature = signature; self.signatureAgreed = signatureAgreed
    }

    public static func == (lhs: OnlineComplaint, rhs: OnlineComplaint) -> Bool {
        lhs.firstName == rhs.firstName && lhs.lastName == rhs.lastName && lhs.email == rhs.email && lhs.respondents == rhs.respondents
            && lhs.articles.map(\.article) == rhs.articles.map(\.article) && lhs.articles.map(\.narrative) == rhs.articles.map(\.narrative)
            && lhs.transactionConcludedOn == rhs.transactionConcludedOn && lhs.factsKnownOn == rhs.factsKnownOn
    }

    /// What is wrong with one field: a code the app's catalog words in the filer's language (`file_error_<code>`),
    /// with any value the words name ("Article {article} does not exist").
    public struct Problem: Sendable, Equatable {
        public let code: String
        public let values: [String: String]
        public init(_ code: String, _ values: [String: String] = [:]) { self.code = code; self.values = values }
    }

    /// Every problem with the form, keyed by field name so the page can show each beside its field.
    public func problems(today: CivilDate) -> [String: Problem] {
        var problems: [String: Problem] = [:]
        func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if trimmed(firstName).isEmpty { problems["firstName"] = Problem("firstName") }
        if trimmed(lastName).isEmpty { problems["lastName"] = Problem("lastName") }
        let mail = trimmed(email)
        if mail.isEmpty || !mail.contains("@") || !mail.contains(".") || mail.contains(" ") {
            problems["email"] = Problem("email")
        }
        if respondents.allSatisfy({ trimmed($0.name).isEmpty && ($0.memberNumber ?? "").isEmpty }) {
            problems["respondents"] = Problem("respondents")
        }
        if articles.isEmpty {
            problems["articles"] = Problem("articlesNone")
        } else if articles.contains(where: { $0.article == 0 }) {
            problems["articles"] = Problem("articlesChoose")
        } else if let bad = articles.first(where: { !(1...17).contains($0.article) }) {
            problems["articles"] = Problem("articlesUnknown", ["article": String(bad.article)])   // b6.7
        } else if articles.contains(where: { trimmed($0.narrative).count < 20 }) {
            problems["articles"] = Problem("articlesNarrative")
        }
        let concluded = CivilDate(trimmed(transactionConcludedOn)).flatMap { $0.isPlausible ? $0 : nil }
        if concluded == nil { problems["transactionConcludedOn"] = Problem("concluded") }
        if let concluded, concluded > today { problems["transactionConcludedOn"] = Problem("future") }
        if !trimmed(factsKnownOn).isEmpty {
            if let known = CivilDate(trimmed(factsKnownOn)), known.isPlausible {
                if known > today { problems["factsKnownOn"] = Problem("future") }
            } else {
                problems["factsKnownOn"] = Problem("factsKnown")
            }
        }
        if !informalProcess.isEmpty {
            if !["ombuds", "mediation"].contains(informalProcess) { problems["informalProcess"] = Problem("informalProcess") }
            if !(CivilDate(trimmed(informalStartedOn))?.isPlausible ?? false) { problems["informalStartedOn"] = Problem("informalStarted") }
            if !trimmed(informalEndedOn).isEmpty, !(CivilDate(trimmed(informalEndedOn))?.isPlausible ?? false) { problems["informalEndedOn"] = Problem("informalEnded") }
            if let start = CivilDate(trimmed(informalStartedOn)), let end = CivilDate(trimmed(informalEndedOn)), end < start {
                problems["informalEndedOn"] = Problem("informalOrder")
            }
        }
        if trimmed(signature).isEmpty || !signatureAgreed {
            problems["signature"] = Problem("signature")
        }
        return problems
    }

    /// The complaint's payload: Articles, per-Article narrative, dates, litigation and signature.
    public var complaintPayload: Payload {
        var payload: Payload = [
            "articles": .text(articles.map { String($0.article) }.joined(separator: ", ")),
            "narrative": .text(articles.map { "Article \($0.article): \($0.narrative.trimmingCharacters(in: .whitespacesAndNewlines))" }.joined(separator: "\n\n")),
            "channel": .text(channel),
            "transactionConcludedOn": .text(transactionConcludedOn.trimmingCharacters(in: .whitespaces)),
            "signedBy": .text(signature.trimmingCharacters(in: .whitespacesAndNewlines)),
        ]
        let known = factsKnownOn.trimmingCharacters(in: .whitespaces)
        if !known.isEmpty { payload["factsKnownOn"] = .text(known) }
        let pending = litigation.trimmingCharacters(in: .whitespacesAndNewlines)
        if !pending.isEmpty { payload["litigation"] = .text(pending) }
        return payload
    }

    /// The informal process the complainant used before filing, which suspends the window (a1.3).
    public var informalProcessPayload: Payload? {
        guard !informalProcess.isEmpty else { return nil }
        var payload: Payload = ["process": .text(informalProcess), "startedOn": .text(informalStartedOn.trimmingCharacters(in: .whitespaces))]
        let ended = informalEndedOn.trimmingCharacters(in: .whitespaces)
        if !ended.isEmpty { payload["endedOn"] = .text(ended) }
        return payload
    }
}
