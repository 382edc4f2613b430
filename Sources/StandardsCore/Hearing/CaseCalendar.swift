import Foundation

/// A day in a case's calendar (issue 19): a hearing, an appeal hearing before the Directors, a mediation session.
/// `key` stays the same while the event moves, so a continued hearing updates the event people already have.
public struct CalendarEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case hearing
        case appealHearing = "appeal-hearing"
        case mediationSession = "mediation-session"

        public var title: String {
            switch self {
            case .hearing: "Hearing"
            case .appealHearing: "Appeal hearing before the Directors"
            case .mediationSession: "Mediation session"
            }
        }

        public var rule: RuleID {
            switch self {
            case .hearing: .a1_16
            case .appealHearing: .a1_27
            case .mediationSession: .a2_29
            }
        }

        /// How long the calendar blocks out for a timed event, in minutes.
        public var minutes: Int {
            switch self {
            case .hearing: 180
            case .appealHearing: 120
            case .mediationSession: 120
            }
        }
    }

    public let kind: Kind
    /// Unique within the case and stable across changes ("hearing", "mediation-session-<id>").
    public let key: String
    public let on: CivilDate
    /// Hour and minute when the time was given as `HH:MM` (24-hour, or with am/pm).
    public let startsAt: (hour: Int, minute: Int)?
    /// The time as typed, when it could not be read as one.
    public let timeText: String?
    public let place: String?
    /// 0 when first set; one more for each later setting (a continuance, a correction).
    public let revision: Int

    public static func == (a: CalendarEvent, b: CalendarEvent) -> Bool {
        a.kind == b.kind && a.key == b.key && a.on == b.on && a.startsAt?.hour == b.startsAt?.hour && a.startsAt?.minute == b.startsAt?.minute
            && a.timeText == b.timeText && a.place == b.place && a.revision == b.revision
    }

    /// "10:00", "9:30", "2 pm", "2:30pm" → hour and minute; anything else nil.
    public static func clock(_ text: String?) -> (hour: Int, minute: Int)? {
        guard var t = text?.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ".", with: ""), !t.isEmpty else { return nil }
        var offset = 0
        if t.hasSuffix("am") || t.hasSuffix("pm") {
            offset = t.hasSuffix("pm") ? 12 : 0
            t.removeLast(2)
        }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0,
              parts.count == 1 || parts[1].count == 2, (0...59).contains(minute) else { return nil }
        if text?.lowercased().contains("m") == true {
            guard (1...12).contains(hour) else { return nil }
            return ((hour % 12) + offset, minute)
        }
        return (0...23).contains(hour) ? (hour, minute) : nil
    }
}

public enum CaseCalendar {
    /// Every event the docket sets, as it now stands.
    public static func events(_ docket: [DocketEntry]) -> [CalendarEvent] {
        let effective = CaseProjection.effectiveEntries(docket)
        var out: [CalendarEvent] = []
        // The hearing: its first setting and every continuance or resumption move the one event; a continuance keeps
        // the time and place it had (a1.15, a1.19).
        let settings = effective.filter { $0.type == .hearingScheduled || $0.type == .hearingContinued }
        if let last = settings.last, let on = last.parsed.date(.hearingOn) {
            let time = settings.last { $0.type == .hearingScheduled }?.payload["time"]?.textValue
            let place = settings.last { $0.type == .hearingScheduled }?.payload["place"]?.textValue
            out.append(event(.hearing, key: "hearing", on: on, time: time, place: place, revision: settings.count - 1 + corrections(settings)))
        }
        let appeals = effective.filter { $0.type == .appealHearingScheduled }
        if let last = appeals.last, let on = last.parsed.date(.hearingOn) {
            out.append(event(.appealHearing, key: "appeal-hearing", on: on, time: nil, place: nil, revision: appeals.count - 1 + corrections(appeals)))
        }
        // Each mediation session is its own event; a correction moves it.
        for session in effective where session.type == .mediationSession {
            guard let raw = session.payload["sessionOn"]?.textValue, let on = CivilDate(raw) else { continue }
            let original = session.corrects ?? session.id
            out.append(event(.mediationSession, key: "mediation-session-\(original.uuidString.lowercased())", on: on,
                             time: session.payload["time"]?.textValue, place: session.payload["place"]?.textValue,
                             revision: session.corrects == nil ? 0 : docket.filter { $0.corrects == original }.count))
        }
        return out
    }

    private static func corrections(_ entries: [DocketEntry]) -> Int { entries.filter { $0.corrects != nil }.count }

    private static func event(_ kind: CalendarEvent.Kind, key: String, on: CivilDate, time: String?, place: String?, revision: Int) -> CalendarEvent {
        let clock = CalendarEvent.clock(time)
        let trimmedPlace = place?.trimmingCharacters(in: .whitespacesAndNewlines)
        return CalendarEvent(kind: kind, key: key, on: on, startsAt: clock, timeText: clock == nil ? time : nil,
                             place: trimmedPlace?.isEmpty == false ? trimmedPlace : nil, revision: revision)
    }
}

/// An iCalendar document (RFC 5545) written by hand: a handful of properties, each escaped and folded as the RFC
/// says, so any calendar can subscribe to it.
public struct ICalendar: Sendable {
    public struct Event: Sendable {
        public var uid: String
        public var summary: String
        public var description: String
        /// A timed event in UTC, or a whole day.
        public var start: Start
        public var minutes: Int
        public var location: String?
        public var url: String?
        public var sequence: Int
        public enum Start: Sendable { case at(Date), day(CivilDate) }

        public init(uid: String, summary: String, description: String, start: Start, minutes: Int = 60, location: String? = nil,
                    url: String? = nil, sequence: Int = 0) {
            self.uid = uid; self.summary = summary; self.description = description; self.start = start; self.minutes = minutes
            self.location = location; self.url = url; self.sequence = sequence
        }
    }

    public var name: String
    public var events: [Event]
    /// `PUBLISH` for a feed and for the event a notice carries.
    public var method = "PUBLISH"

    public init(name: String, events: [Event]) { self.name = name; self.events = events }

    public func render(stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PSDesk//Professional Standards//EN", "CALSCALE:GREGORIAN",
                     "METHOD:\(method)", "X-WR-CALNAME:" + Self.text(name)]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + Self.text(event.uid), "DTSTAMP:" + Self.utc(stamp), "SEQUENCE:\(max(0, event.sequence))"]
            switch event.start {
            case .at(let date):
                lines += ["DTSTART:" + Self.utc(date), "DTEND:" + Self.utc(date.addingTimeInterval(TimeInterval(event.minutes * 60)))]
            case .day(let day):
                lines += ["DTSTART;VALUE=DATE:" + Self.compact(day), "DTEND;VALUE=DATE:" + Self.compact(day.adding(days: 1))]
                // A deadline is a reminder, not an appointment: it does not block time.
                lines.append("TRANSP:TRANSPARENT")
            }
            lines.append("SUMMARY:" + Self.text(event.summary))
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + Self.text(event.description)) }
            if let location = event.location { lines.append("LOCATION:" + Self.text(location)) }
            if let url = event.url { lines.append("URL:" + url.filter { !$0.isNewline && $0 != " " }) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11); other control characters go.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default: if !CharacterSet.controlCharacters.contains(scalar) || scalar == "\t" { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never inside a character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = "", count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(character)
            count += size
        }
        return out
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    static func compact(_ day: CivilDate) -> String { day.description.replacingOccurrences(of: "-", with: "") }
}
