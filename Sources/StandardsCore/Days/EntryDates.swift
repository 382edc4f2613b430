/// The dates a person may give a step: from three years back (paper records entered late, the longest window a
/// rule in the seeds looks back over) to 90 days ahead (a notice dated for its mailing). Anything outside is a
/// typing slip or a hostile value (9999-12-31), and dates that far off would move every time frame with them.
public enum EntryDates {
    public static let yearsBack = 3
    public static let daysAhead = 90

    public static func window(today: CivilDate) -> ClosedRange<CivilDate> {
        today.adding(months: -12 * yearsBack)...today.adding(days: daysAhead)
    }

    /// A refusal naming `field` when `date` lies outside the window; `notAfterToday` for facts already past
    /// (a receipt cannot be recorded before it happens).
    public static func refusal(_ date: CivilDate, field: String, today: CivilDate, notAfterToday: Bool = false) -> Refusal? {
        let window = window(today: today)
        if notAfterToday, date > today {
            return Refusal(code: "date_in_future", message: "\(field) cannot be later than today (\(today)).")
        }
        guard !window.contains(date) else { return nil }
        return Refusal(code: "date_out_of_range",
                       message: "\(field) must lie between \(window.lowerBound) and \(window.upperBound) (up to \(yearsBack) years back, \(daysAhead) days ahead); \(date) was entered.")
    }
}
