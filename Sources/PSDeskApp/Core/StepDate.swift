import Vapor
import StandardsCore

/// The one reader of a date a person typed for a step (`effectiveOn`, `openedOn`, a receipt): blank means today,
/// anything else must be `YYYY-MM-DD` inside `EntryDates.window` (422 naming the field).
enum StepDate {
    static func parse(_ text: String?, field: String, today: CivilDate, notAfterToday: Bool = false) throws -> CivilDate {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return today }
        guard let date = CivilDate(trimmed) else {
            throw AppError.invalid("\(field) must be a date as YYYY-MM-DD; \"\(trimmed.prefix(20))\" was entered.")
        }
        if let refusal = EntryDates.refusal(date, field: field, today: today, notAfterToday: notAfterToday) { throw AppError(refusals: [refusal]) }
        return date
    }
}
