/// Why a deadline falls where it does, kept as values and rendered to a sentence only when read:
/// bulk re-derivation (every open case, nightly) needs dates and statuses, not prose.
public enum DeadlineExplanation: Sendable, Equatable {
    case text(String)
    case window(days: Int, working: Bool, start: WindowStart, due: CivilDate, outcome: WindowOutcome)
    case receiptUnknown(days: Int, what: String, sent: CivilDate, rule: String, outcome: WindowOutcome)
    case before(days: Int, hearingOn: CivilDate, due: CivilDate, outcome: WindowOutcome)
    case noticeAhead(sent: CivilDate, days: Int, earliest: CivilDate, hearingOn: CivilDate, rule: String)
    case filing(days: Int, start: CivilDate, factsKnownLater: Bool, counted: [CountedSuspension], due: CivilDate,
                received: CivilDate?, daysLate: Int?, rule: String)

    /// The number of days the window counts, when it is a counted window.
    public var days: Int? {
        switch self {
        case .window(let days, _, _, _, _), .receiptUnknown(let days, _, _, _, _), .before(let days, _, _, _), .noticeAhead(_, let days, _, _, _),
             .filing(let days, _, _, _, _, _, _, _):
            return days
        case .text:
            return nil
        }
    }

    public var text: String {
        switch self {
        case .text(let text):
            return text
        case .window(let days, let working, let start, let due, let outcome):
            return "\(days) \(working ? "working days" : "days") from \(start.text) = \(due) (\(due.weekday.shortName))" + outcome.text
        case .receiptUnknown(let days, let what, let sent, let rule, let outcome):
            return "\(days) days from receipt of the \(what) sent \(sent); the receipt date is not recorded yet (\(rule))." + outcome.text
        case .before(let days, let hearingOn, let due, let outcome):
            return "\(days) days before the hearing on \(hearingOn) = \(due) (\(due.weekday.shortName))" + outcome.text
        case .noticeAhead(let sent, let days, let earliest, let hearingOn, let rule):
            return "Notice sent \(sent) + \(days) days = hearing no earlier than \(earliest); hearing set for \(hearingOn)"
                + (hearingOn >= earliest ? "." : ": \(hearingOn.days(to: earliest)) days too soon (\(rule)).")
        case .filing(let days, let start, let factsKnownLater, let counted, let due, let received, let daysLate, let rule):
            var text = "\(days) days from " + (factsKnownLater ? "the day the facts could be known, \(start)" : "\(start)")
            for item in counted {
                text += ", +\(item.days) days suspended for \(item.interval.reason) \(item.interval.start)→\(item.interval.end)"
            }
            text += " = \(due) (\(due.weekday.shortName))"
            if let received {
                if let daysLate {
                    text += "; received \(received), \(daysLate) days late: still received and recorded, flagged for the Grievance Committee (\(rule))."
                } else {
                    text += "; received \(received), in time."
                }
            }
            return text
        }
    }
}

public struct CountedSuspension: Sendable, Equatable {
    public let interval: SuspensionInterval
    public let days: Int
}

/// What a window counts from, in words.
public enum WindowStart: Sendable, Equatable {
    case from(label: String, date: CivilDate)
    case receiptOf(notice: String, on: CivilDate)
    case transmittalOf(notice: String, on: CivilDate)
    case entry(basis: CountBasis, title: String, on: CivilDate)

    var text: String {
        switch self {
        case .from(let label, let date): "\(label), \(date)"
        case .receiptOf(let notice, let date): "receipt of the \(Self.noticeWords(notice)) on \(date)"
        case .transmittalOf(let notice, let date): "transmittal of the \(Self.noticeWords(notice)) on \(date)"
        case .entry(let basis, let title, let date): "\(Self.basisWord(basis)) (\(title.lowercased())) on \(date)"
        }
    }

    static func noticeWords(_ raw: String) -> String { String(raw.map { $0 == "-" ? " " : $0 }) + " notice" }

    static func basisWord(_ basis: CountBasis) -> String {
        switch basis {
        case .transmitted: "transmittal"
        case .received: "receipt"
        case .served: "service"
        case .rendered: "rendering"
        case .filed: "filing"
        case .reviewed: "counsel's review"
        }
    }
}

/// Where a window stands, in words.
public enum WindowOutcome: Sendable, Equatable {
    case waived
    case done(on: CivilDate, daysLate: Int, lateNote: String?)
    case caseEnded(CivilDate)
    case lapsed(note: String?)
    case overdue(days: Int)
    case pending(daysLeft: Int?)

    var text: String {
        switch self {
        case .waived: "; waived."
        case .done(let on, let late, let note) where late > 0: "; done \(on), \(late) days late" + (note.map { ": \($0)" } ?? "") + "."
        case .done(let on, _, _): "; done \(on)."
        case .caseEnded(let date): "; the case ended \(date)."
        case .lapsed(let note): "; window closed unused" + (note.map { ": \($0)" } ?? "") + "."
        case .overdue(let days): "; overdue by \(days) days."
        case .pending(let left): left.map { "; \($0) days left." } ?? ""
        }
    }
}

/// A due date on a closed day, and what the profile did about it (b14.5).
public struct ClosedDay: Sendable, Equatable {
    public enum Reason: Sendable, Equatable { case saturday, sunday, holiday(String) }
    public let day: CivilDate
    public let reason: Reason
    public let movedTo: CivilDate?
    public let profile: String

    public var text: String {
        let name: String
        switch reason {
        case .saturday: name = "Saturday"
        case .sunday: name = "Sunday"
        case .holiday(let holiday): name = "holiday (\(holiday))"
        }
        guard let movedTo else { return "\(day) is a \(name); not moved under \(profile)" }
        return "\(day) is a \(name); moved \(movedTo < day ? "back " : "")to \(movedTo)"
    }
}

extension DeadlineExplanation {
    /// The outcome a counted window carries, when it has one.
    var outcome: WindowOutcome? {
        switch self {
        case .window(_, _, _, _, let outcome), .receiptUnknown(_, _, _, _, let outcome), .before(_, _, _, let outcome): outcome
        case .text, .noticeAhead, .filing: nil
        }
    }

    /// Only the calendar still moves the window: nothing has met, waived or ended it.
    var awaitsCalendar: Bool {
        switch outcome {
        case .pending, .overdue, .lapsed: true
        case .waived, .done, .caseEnded, nil: false
        }
    }

    /// The sentence without the words that change with the day it is read ("; 3 days left.", "; overdue by 2 days."),
    /// and whether it had them: a read model keeps this and adds them when it is read (`OpenDeadline`).
    var headWithoutStanding: (text: String, dated: Bool) {
        switch self {
        case .window(let days, let working, let start, let due, _):
            (DeadlineExplanation.window(days: days, working: working, start: start, due: due, outcome: .pending(daysLeft: nil)).text, true)
        case .receiptUnknown(let days, let what, let sent, let rule, _):
            (DeadlineExplanation.receiptUnknown(days: days, what: what, sent: sent, rule: rule, outcome: .pending(daysLeft: nil)).text, true)
        case .before(let days, let hearingOn, let due, _):
            (DeadlineExplanation.before(days: days, hearingOn: hearingOn, due: due, outcome: .pending(daysLeft: nil)).text, true)
        case .text, .noticeAhead, .filing:
            (text, false)
        }
    }
}
