/// When a file's content may be destroyed (issue 20, item 1): an arbitration file the profile's years after every
/// appeal is exhausted and the award paid (S3 1.1.3, a2.2); an ethics file is kept after its appeal periods with no
/// end the rules set (S3 1.1.4); nothing while a legal hold is in force; nothing twice.
public enum RecordRetention {
    public enum Answer: Sendable, Equatable {
        /// May be destroyed on or after this day, counted from `basis`, under `rule`.
        case from(CivilDate, basis: String, rule: RuleID)
        /// Kept, and why.
        case kept(String)
        /// A legal hold is in force, with its reason.
        case held(String)
        /// Its content was destroyed on that day.
        case destroyed(CivilDate)

        /// The day it may be destroyed, if that day is `today` or past.
        public func due(on today: CivilDate) -> CivilDate? {
            if case .from(let day, _, _) = self, day <= today { return day }
            return nil
        }
    }

    public static func answer(_ view: StepView, arbitrationYears: Int?) -> Answer {
        if let tombstone = view.docket.last(where: { $0.type == .recordsDestroyed }) { return .destroyed(tombstone.effectiveOn) }
        if let reason = legalHold(view.effective) { return .held(reason) }
        switch view.kind {
        case .arbitration:
            guard let years = arbitrationYears else { return .kept("the rule profile sets no period for arbitration files (b11.6)") }
            switch ArbitrationRetention.destroyableFrom(view, years: years) {
            case .from(let day, let basis): return .from(day, basis: "\(years) years after \(basis)", rule: .a2_2)
            case .notYet(let why): return .kept("kept \(years) years after every appeal is exhausted and the award paid; not yet fixed: \(why)")
            }
        case .ethics:
            return .kept("an ethics file is kept after every appeal period; the rules set no end (S3 1.1.4)")
        case .mediation, .citation:
            return .kept("the rules set no period for this file (b11.6)")
        }
    }

    /// The reason of the legal hold in force, if the last hold recorded placed one.
    public static func legalHold(_ effective: [DocketEntry]) -> String? {
        guard let last = effective.last(where: { $0.type == .legalHold }), last.payload["event"]?.textValue == "placed" else { return nil }
        return last.payload["reason"]?.textValue ?? "a legal hold"
    }
}
