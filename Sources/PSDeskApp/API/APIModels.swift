import Vapor
import StandardsCore

/// JSON shapes of the API. Keys are camelCase; dates are `YYYY-MM-DD`; timestamps ISO 8601.
enum APIModel {
    struct AssociationOut: Content {
        let slug: String
        let name: String
        let ruleProfile: String
        let timeZone: String
        let holidayCalendar: String
        let closureDays: [String]
        let boardSize: Int
        let boardQuorum: Int
        let regionalAgreement: String?
        let yourRoles: [String]
    }

    struct MemberOut: Content {
        let personId: UUID
        let memberNumber: String
        let firstName: String
        let lastName: String
        let email: String?
        let phone: String?
        let membershipType: String
        let isPrincipal: Bool
        let firm: String?
        let office: String?
        let periods: [Period]
        /// Suspended automatically for an unpaid citation fine (S3 9.3.2.5): the citation's case and since when.
        let suspension: Suspension?
        struct Period: Content { let startsOn: String; let endsOn: String? }
        struct Suspension: Content { let caseNumber: String; let since: String; let rule: String }
    }

    struct PartyOut: Content {
        let personId: UUID
        let name: String
        let role: String
    }

    struct CaseOut: Content {
        let id: UUID
        let number: String
        let kind: String
        let title: String
        let status: String
        let statusLabel: String
        let openedOn: String?
        let lastActivityOn: String?
        let parties: [PartyOut]
    }

    struct EntryOut: Content {
        let id: UUID
        let sequence: Int
        let type: String
        let title: String
        let effectiveOn: String
        let recordedAt: Date
        let actor: String
        let payload: Payload
        let corrects: UUID?
        let documentIds: [UUID]
        /// Rules that let the entry through with a note, e.g. a late reply (a1.11). Only on the append response.
        var warnings: [ErrorBody.Detail]? = nil
    }

    struct DocumentOut: Content {
        let id: UUID
        let title: String
        let filename: String
        let mediaType: String
        let byteCount: Int
        let sha256: String
        let uploadedAt: Date?
        let docketEntryId: UUID?
    }

    struct NewCase: Content {
        let kind: String
        let title: String
        let openedOn: String?
        let summary: String?
        let parties: [NewParty]?
        struct NewParty: Content { let personId: UUID; let role: String }
    }

    struct NewEntry: Content {
        let type: String
        let effectiveOn: String
        let payload: Payload?
        let corrects: UUID?
    }

    struct DeadlineOut: Content {
        let key: String
        let title: String
        let rule: String
        let basis: String
        let count: String
        let dueOn: String?
        let earliestOn: String?
        let status: String
        let explanation: String
        let closedDayNote: String?
        let triggerEntryId: UUID?
        let satisfiedByEntryId: UUID?

        init(_ d: Deadline) {
            key = d.key.rawValue; title = d.title; rule = d.rule; basis = d.basis.rawValue; count = d.count.rawValue
            dueOn = d.dueOn?.description; earliestOn = d.earliestOn?.description; status = d.status.rawValue
            explanation = d.explanation; closedDayNote = d.closedDayNote; triggerEntryId = d.triggerEntryId
            satisfiedByEntryId = d.satisfiedByEntryId
        }
    }

    struct DeadlinesOut: Content {
        let caseNumber: String
        let profile: String
        let asOf: String
        let deadlines: [DeadlineOut]
    }

    struct EntryTypeOut: Content {
        let type: String
        let title: String
        let rule: String?
        let kinds: [String]
        let fields: [Field]
        struct Field: Content { let name: String; let type: String; let required: Bool; let label: String; let options: [String]? }
    }
}

extension APIModel {
    struct HearingOut: Content {
        let listed: [UUID]
        let members: [UUID]
        let chair: UUID?
        let alternates: [UUID]
        let challenges: [ChallengeOut]
        let certified: [UUID]
        let conflicted: [UUID]
        let candidates: [CandidateOut]
        let ledger: [PostingOut]
        /// Account → cents; they sum to zero.
        let balances: [String: Int]
        let compliance: [ComplianceOut]
        struct ChallengeOut: Content { let personId: UUID; let reason: String; let by: String?; let filedOn: String; let ruling: String? }
        struct CandidateOut: Content { let personId: UUID; let name: String; let exclusions: [ErrorBody.Detail] }
        struct PostingOut: Content { let on: String; let description: String; let from: String; let to: String; let cents: Int; let rule: String }
        struct ComplianceOut: Content { let sanction: String; let dueOn: String?; let status: String; let note: String; let rule: String }
    }

    struct CommitteeSeatOut: Content {
        let personId: UUID
        let name: String
        let association: String
        let body: String
        let isChair: Bool
        let isViceChair: Bool
        let appointedBy: String?
        let termStartsOn: String?
        let termEndsOn: String?
        let trainingThrough: String?
        let certifiedTrainer: Bool
        let subpanel: Int?
        let criteria: CriteriaOut?
        struct CriteriaOut: Content {
            let yearsRealtor: Int?; let yearsInRealEstate: Int?; let primaryField: String?; let secondaryField: String?
            let postLicensingEducation: Bool; let codeOfEthicsTraining: Bool; let states: [String]; let otherTraining: String
        }
    }
}

extension FieldType {
    var apiName: String {
        switch self {
        case .text: "text"
        case .date: "date"
        case .cents: "cents"
        case .uuid: "uuid"
        case .timestamp: "timestamp"
        case .choice: "choice"
        }
    }
}
