import Vapor
import StandardsCore

struct FileComplaintPage: Encodable {
    let layout: LayoutContext
    /// The page's strings in the reader's language (`Catalog`).
    var t: [String: String] = [:]
    let associationName: String
    let actionURL: String
    /// The ombuds program's page: would-be complainants are told it exists and that they may decline it (b10.3).
    let ombudsURL: String
    let today: String
    /// Staff recording a complaint that came on paper: the date it was received, and the case link afterwards.
    let paper: Bool
    let receivedOn: String
    let receivedOnError: String?
    let form: Form
    let respondents: [RespondentRow]
    let articles: [ArticleRow]
    let errors: Errors
    let errorCount: Int
    /// The citation schedule in force, part of what would-be complainants are given (S3 9.1.1, b9.1); nil where the
    /// association has no citation program.
    var schedule: CitationScheduleController.Shown? = nil

    struct Form: Encodable {
        var firstName = "", lastName = "", email = "", phone = "", address = ""
        var transactionConcludedOn = "", factsKnownOn = ""
        var informalProcess = "", informalStartedOn = "", informalEndedOn = "", informalCertificate = ""
        var litigation = "", signature = ""
        var signatureAgreed = false
    }
    struct RespondentRow: Encodable { let index: Int; let number: String; let name: String; let firm: String; var label = "" }
    /// The three attachment inputs, each with its label in the filer's language.
    var attachmentFields: [AttachmentField] = []
    struct AttachmentField: Encodable { let id: String; let label: String }
    struct ArticleRow: Encodable { let index: Int; let options: [NewCasePage.Option]; let narrative: String }
    /// One message per field, shown beside it.
    struct Errors: Encodable {
        var firstName: String?, lastName: String?, email: String?, respondents: String?, articles: String?
        var transactionConcludedOn: String?, factsKnownOn: String?, informalProcess: String?, informalStartedOn: String?
        var informalEndedOn: String?, signature: String?, attachments: String?, informalCertificate: String?

        init(_ problems: [String: String]) {
            firstName = problems["firstName"]; lastName = problems["lastName"]; email = problems["email"]
            respondents = problems["respondents"]; articles = problems["articles"]
            transactionConcludedOn = problems["transactionConcludedOn"]; factsKnownOn = problems["factsKnownOn"]
            informalProcess = problems["informalProcess"]; informalStartedOn = problems["informalStartedOn"]
            informalEndedOn = problems["informalEndedOn"]; signature = problems["signature"]; attachments = problems["attachments"]
            informalCertificate = problems["informalCertificate"]
        }
    }
}

struct ComplaintFiledPage: Encodable {
    let layout: LayoutContext
    /// The page's strings in the reader's language (`Catalog`).
    var t: [String: String] = [:]
    let associationName: String
    let number: String
    /// Shown on the first view of the receipt only; nil on a reload.
    let accessKey: String?
    /// For staff who recorded a paper complaint: the case, to take it in.
    let caseURL: String?
    let trackURL: String
    let filingDue: String?
    let filingStatus: String?
    let filingExplanation: String?
    let late: Bool
    /// An account for the complainant (issue 13): to create, to sign in to, or to add the case to.
    var account: PartyAccountOffer? = nil
}

/// The account offered to a complainant on the receipt or the tracking page.
struct PartyAccountOffer: Encodable {
    let email: String
    /// "create", "sign-in" or "claim".
    let mode: String
    let actionURL: String
    let signInURL: String
    var errors: [String: String] = [:]
}

struct TrackPage: Encodable {
    let layout: LayoutContext
    /// The page's strings in the reader's language (`Catalog`).
    var t: [String: String] = [:]
    let number: String
    let error: String?
}

struct TrackedCasePage: Encodable {
    let layout: LayoutContext
    /// The page's strings in the reader's language (`Catalog`).
    var t: [String: String] = [:]
    let number: String
    let title: String
    let status: String
    let deadlines: [CasePage.DeadlineRow]
    let timeline: [Line]
    var account: PartyAccountOffer? = nil
    struct Line: Encodable { let date: String; let title: String; let details: String }
}
