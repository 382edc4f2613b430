import Foundation

/// The Directors who hear an ethics appeal (a1.27, a2.16): at least the profile's panel size (5, or a quorum if
/// less), all on the Board, and none who sat on another tribunal in the matter — the hearing panel or the
/// Grievance Committee review (b7.4).
public enum AppealPanel {
    public static func check(directors: [UUID], board: Set<UUID>, hearingPanel: HearingPanel, gcReviewers: Set<UUID>,
                             size: PanelSize, boardQuorum: Int, body: String = "the Board of Directors") -> [Refusal] {
        var refusals: [Refusal] = []
        let seats = size.seats(boardQuorum: boardQuorum)
        if Set(directors).count < seats {
            refusals.append(Refusal(code: "appeal_panel_too_small",
                message: "The appeal is heard by at least \(seats) \(body == "the Board of Directors" ? "Directors" : "members of \(body)"); \(Set(directors).count) recorded.", rule: size.rule))
        }
        if directors.contains(where: { !board.contains($0) }) {
            refusals.append(Refusal(code: "not_a_director", message: "Only members of \(body) hear the appeal.", rule: size.rule))
        }
        let satBefore = Set(hearingPanel.members + hearingPanel.alternates).union(hearingPanel.priorMembers)
        if directors.contains(where: satBefore.contains) {
            refusals.append(Refusal(code: "director_sat_on_hearing_panel",
                message: "A Director who sat on the hearing panel may not hear the appeal.", rule: .b7_4))
        }
        if directors.contains(where: gcReviewers.contains) {
            refusals.append(Refusal(code: "director_reviewed_in_gc",
                message: "A Director who reviewed the complaint in the Grievance Committee may not hear the appeal.", rule: .b7_4))
        }
        return refusals
    }
}
