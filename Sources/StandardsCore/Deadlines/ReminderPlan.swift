import Foundation

/// Who must act on a time frame, for its reminders (issue 19): the parties whose window it is (`PartyDuties`), the
/// committee member or officer whose step it is (`CommitteeDuties`), or staff for every other.
public enum WhoActs: Sendable, Equatable {
    case parties
    case committee(CommitteeDuty)
    case staff
}

/// When reminders go out: a number of days before each dated time frame, as the association sets them, and an overdue
/// digest to staff each morning.
public enum ReminderPlan {
    public static let defaultDays = [7, 1]
    /// At most this many reminders per time frame, each 0 (the day itself) to 60 days ahead.
    public static let maxReminders = 4
    public static let maxDaysAhead = 60
    /// The digest of what is overdue goes out from this hour of the association's morning.
    public static let digestHour = 7

    public static func whoActs(_ key: DeadlineKey, forComplainant: Bool, forRespondent: Bool) -> WhoActs {
        if forComplainant || forRespondent { return .parties }
        for duty in [CommitteeDuty.grievanceCommittee, .pscChair, .panelist, .president, .director] where CommitteeDuties.concerns(key, [duty]) {
            return .committee(duty)
        }
        return .staff
    }

    /// "7, 1" → [7, 1]: whole days, each 0–60, at most four, no repeats; largest first.
    public static func parse(_ text: String) -> Result<[Int], FieldProblems> {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        guard !parts.isEmpty else { return .success([]) }
        var days: [Int] = []
        for part in parts {
            guard let day = Int(part), (0...maxDaysAhead).contains(day) else {
                return .failure(FieldProblems(["reminderDays": "“\(part)” is not a number of days from 0 to \(maxDaysAhead)."]))
            }
            if !days.contains(day) { days.append(day) }
        }
        guard days.count <= maxReminders else {
            return .failure(FieldProblems(["reminderDays": "At most \(maxReminders) reminders per time frame; you gave \(days.count)."]))
        }
        return .success(days.sorted(by: >))
    }

    public static func text(_ days: [Int]) -> String { days.map(String.init).joined(separator: ", ") }

    /// How many days ahead of `dueOn` today is, when that is one of the reminder days.
    public static func lead(dueOn: CivilDate, today: CivilDate, days: [Int]) -> Int? {
        let ahead = dueOn.dayNumber - today.dayNumber
        return days.contains(ahead) ? ahead : nil
    }
}
