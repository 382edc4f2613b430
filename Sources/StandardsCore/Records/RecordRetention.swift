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

    /// When a hearing's recording may go (S3 6.2.1, a2.5): it stays in the confidential files until any sanction the Board
    /// imposed has been completed, so an ethics recording goes once the case has ended and every sanction is done or
    /// served (or none was imposed); an arbitration's goes with its file. A legal hold keeps it; a destroyed file has none.
    public static func recording(_ view: StepView, profile: RuleProfile) -> Answer {
        if let tombstone = view.docket.last(where: { $0.type == .recordsDestroyed }) { return .destroyed(tombstone.effectiveOn) }
        if let reason = legalHold(view.effective) { return .held(reason) }
        guard view.kind == .ethics else { return .kept("a recording is kept with the \(view.kind.label.lowercased()) file (S3 1.1.3)") }
        guard view.status.isTerminal, let ended = view.effective.last(where: { $0.type.resultingStatus(for: $0.payload, on: view.kind) == view.status }) else {
            return .kept("kept until the case ends and any sanction is completed (S3 6.2.1)")
        }
        let items = DisciplineCompliance.items(view.docket, profile: profile, asOf: view.today)
        let open = items.filter { ![.done, .served].contains($0.status) }
        guard open.isEmpty else {
            return .kept("kept until every sanction is completed (S3 6.2.1): \(open.map(\.sanction).joined(separator: ", ")) outstanding")
        }
        guard !items.isEmpty else { return .from(ended.effectiveOn, basis: "the case ended without a sanction", rule: .a2_5) }
        let lastStep = view.effective.last { $0.type == .disciplineCompliance }?.effectiveOn
        // A suspension is complete when served (its end date); the rest on the last compliance step recorded.
        let served = items.filter { $0.status == .served }.map(\.dueOn)
        let completed = ([ended.effectiveOn, lastStep] + served).compactMap { $0 }.filter { $0 <= view.today }.max() ?? ended.effectiveOn
        return .from(completed, basis: "every sanction completed", rule: .a2_5)
    }

    /// The reason of the legal hold in force, if the last hold recorded placed one.
    public static func legalHold(_ effective: [DocketEntry]) -> String? {
        guard let last = effective.last(where: { $0.type == .legalHold }), last.payload["event"]?.textValue == "placed" else { return nil }
        return last.payload["reason"]?.textValue ?? "a legal hold"
    }
}
