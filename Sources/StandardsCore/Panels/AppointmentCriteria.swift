import Foundation

/// What the President and the chair weigh in appointing committee and panel members (S3 1.3.2, 3.3): the criteria
/// that can be recorded. Position in firm and firm size come from the roster; judgment (common sense,
/// open-mindedness) is not recorded.
public struct AppointmentCriteria: Sendable, Equatable {
    public var yearsRealtor: Int?
    public var yearsInRealEstate: Int?
    public var primaryField: ArbitrationField?
    public var secondaryField: ArbitrationField?
    public var postLicensingEducation = false
    public var codeOfEthicsTraining = false
    /// States whose laws and regulations the member knows, as two-letter codes ("NC", "VA").
    public var states: [String] = []
    /// Other relevant professional or procedural training, in words.
    public var otherTraining = ""

    public init(yearsRealtor: Int? = nil, yearsInRealEstate: Int? = nil, primaryField: ArbitrationField? = nil, secondaryField: ArbitrationField? = nil,
                postLicensingEducation: Bool = false, codeOfEthicsTraining: Bool = false, states: [String] = [], otherTraining: String = "") {
        self.yearsRealtor = yearsRealtor; self.yearsInRealEstate = yearsInRealEstate; self.primaryField = primaryField; self.secondaryField = secondaryField
        self.postLicensingEducation = postLicensingEducation; self.codeOfEthicsTraining = codeOfEthicsTraining; self.states = states
        self.otherTraining = otherTraining
    }

    /// The longest career the form accepts, in years.
    public static let maximumYears = 70

    /// The criteria from a form's fields, or the problems by field name. Years are whole numbers from 0 to 70, and no
    /// one is a REALTOR longer than they have been in real estate.
    public static func parse(_ field: (String) -> String) -> Result<AppointmentCriteria, FieldProblems> {
        var problems: [String: String] = [:]
        func years(_ name: String) -> Int? {
            let text = field(name).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let value = Int(text), (0...maximumYears).contains(value) else {
                problems[name] = "Enter whole years from 0 to \(maximumYears)."
                return nil
            }
            return value
        }
        func realEstateField(_ name: String) -> ArbitrationField? {
            let text = field(name).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let value = ArbitrationField(rawValue: text) else {
                problems[name] = "Choose a field of real estate from the list."
                return nil
            }
            return value
        }
        var criteria = AppointmentCriteria(yearsRealtor: years("yearsRealtor"), yearsInRealEstate: years("yearsInRealEstate"),
                                           primaryField: realEstateField("primaryField"), secondaryField: realEstateField("secondaryField"),
                                           postLicensingEducation: field("postLicensingEducation") == "yes", codeOfEthicsTraining: field("codeOfEthicsTraining") == "yes")
        if let realtor = criteria.yearsRealtor, let business = criteria.yearsInRealEstate, realtor > business {
            problems["yearsRealtor"] = "Years as a REALTOR cannot exceed years in the real estate business."
        }
        let states = field("states").uppercased().split(whereSeparator: { ", ;".contains($0) }).map(String.init)
        if states.contains(where: { $0.count != 2 || !$0.allSatisfy(\.isLetter) }) || states.count > 10 {
            problems["states"] = "List states as two-letter codes, like NC, VA."
        }
        criteria.states = Array(Set(states)).sorted()
        criteria.otherTraining = String(field("otherTraining").trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
        return problems.isEmpty ? .success(criteria) : .failure(FieldProblems(problems))
    }

    /// The criteria as a form shows them, under the field names `parse` reads.
    public var formValues: [String: String] {
        ["yearsRealtor": yearsRealtor.map(String.init) ?? "", "yearsInRealEstate": yearsInRealEstate.map(String.init) ?? "",
         "primaryField": primaryField?.rawValue ?? "", "secondaryField": secondaryField?.rawValue ?? "",
         "postLicensingEducation": postLicensingEducation ? "yes" : "", "codeOfEthicsTraining": codeOfEthicsTraining ? "yes" : "",
         "states": states.joined(separator: ", "), "otherTraining": otherTraining]
    }

    /// The criteria in a line, for rosters and the panel assistant ("12 yrs REALTOR · 15 in real estate · commercial").
    public var summary: String {
        var parts: [String] = []
        if let years = yearsRealtor { parts.append("\(years) yrs REALTOR") }
        if let years = yearsInRealEstate { parts.append("\(years) in real estate") }
        let fields = [primaryField, secondaryField].compactMap { $0?.label }
        if !fields.isEmpty { parts.append(fields.joined(separator: " / ")) }
        if postLicensingEducation { parts.append("post-licensing education") }
        if codeOfEthicsTraining { parts.append("Code of Ethics training") }
        if !states.isEmpty { parts.append("knows \(states.joined(separator: ", ")) law") }
        if !otherTraining.isEmpty { parts.append(otherTraining) }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }
}

/// Problems with a form's fields, by field name.
public struct FieldProblems: Error, Sendable, Equatable {
    public let byField: [String: String]
    public init(_ byField: [String: String]) { self.byField = byField }
}

/// A filter on the criteria when proposing a panel (issue 18): only members who meet every part are proposed, so a
/// specialist panel (S3 7.6.1) or a seasoned one can be drawn.
public struct CriteriaFilter: Sendable, Equatable {
    public var minYearsRealtor: Int?
    public var minYearsInRealEstate: Int?
    /// In the member's primary or secondary field.
    public var field: ArbitrationField?
    public var principal: Bool?
    public var state: String?
    public var codeOfEthicsTraining = false

    public init(minYearsRealtor: Int? = nil, minYearsInRealEstate: Int? = nil, field: ArbitrationField? = nil, principal: Bool? = nil,
                state: String? = nil, codeOfEthicsTraining: Bool = false) {
        self.minYearsRealtor = minYearsRealtor; self.minYearsInRealEstate = minYearsInRealEstate; self.field = field; self.principal = principal
        self.state = state; self.codeOfEthicsTraining = codeOfEthicsTraining
    }

    /// The filter from a query's values; anything out of range or unknown is left out and said so.
    public static func parse(_ value: (String) -> String) -> (filter: CriteriaFilter, ignored: [String]) {
        var ignored: [String] = []
        func years(_ name: String, _ what: String) -> Int? {
            let text = value(name).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let n = Int(text), (0...AppointmentCriteria.maximumYears).contains(n) else { ignored.append("\(what) must be 0 to \(AppointmentCriteria.maximumYears)"); return nil }
            return n
        }
        var filter = CriteriaFilter(minYearsRealtor: years("minYearsRealtor", "years as a REALTOR"),
                                    minYearsInRealEstate: years("minYearsInRealEstate", "years in real estate"))
        let field = value("field")
        if !field.isEmpty { if let f = ArbitrationField(rawValue: field) { filter.field = f } else { ignored.append("unknown field") } }
        switch value("position") {
        case "principal": filter.principal = true
        case "non-principal": filter.principal = false
        default: break
        }
        let state = value("state").trimmingCharacters(in: .whitespaces).uppercased()
        if !state.isEmpty { if state.count == 2, state.allSatisfy(\.isLetter) { filter.state = state } else { ignored.append("a state is two letters") } }
        filter.codeOfEthicsTraining = value("codeOfEthicsTraining") == "yes"
        return (filter, ignored)
    }

    public var isEmpty: Bool { self == CriteriaFilter() }

    /// Whether a member with these criteria (nil: none recorded) and position meets the filter. A member with nothing
    /// recorded meets only an empty filter, or one on position alone.
    public func admits(_ criteria: AppointmentCriteria?, isPrincipal: Bool) -> Bool {
        if let principal, principal != isPrincipal { return false }
        let c = criteria ?? AppointmentCriteria()
        if let min = minYearsRealtor, (c.yearsRealtor ?? -1) < min { return false }
        if let min = minYearsInRealEstate, (c.yearsInRealEstate ?? -1) < min { return false }
        if let field, c.primaryField != field && c.secondaryField != field { return false }
        if let state, !c.states.contains(state) { return false }
        if codeOfEthicsTraining && !c.codeOfEthicsTraining { return false }
        return true
    }

    /// The filter in words ("at least 5 years as a REALTOR, commercial"), for the page.
    public var description: String {
        var parts: [String] = []
        if let n = minYearsRealtor { parts.append("at least \(n) years as a REALTOR") }
        if let n = minYearsInRealEstate { parts.append("at least \(n) years in real estate") }
        if let field { parts.append("works in \(field.label)") }
        if let principal { parts.append(principal ? "principals" : "non-principals") }
        if let state { parts.append("knows \(state) law") }
        if codeOfEthicsTraining { parts.append("Code of Ethics training") }
        return parts.joined(separator: ", ")
    }
}
