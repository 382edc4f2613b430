import Vapor
import PSDeskApp

// `serve --demo` is PSDesk's own flag: strip it before Vapor's serve command reads the arguments. Other
// commands (`seed --demo`) declare the flag themselves and keep it.
var arguments = CommandLine.arguments
let isServe = arguments.dropFirst().first == "serve" || arguments.count == 1
let demo = isServe && arguments.contains("--demo")
if isServe { arguments.removeAll { $0 == "--demo" } }

var env = try Environment.detect(arguments: arguments)
// JSON lines for a log collector when PSDESK_LOG_FORMAT=json; Vapor's text lines otherwise.
if !JSONLogHandler.bootstrapIfAsked() { try LoggingSystem.bootstrap(from: &env) }
let app = try await Application.make(env)
do {
    try await PSDesk.bootstrap(app)
    if isServe {
        try PSDesk.secureForServing(app, arguments: arguments)
        try await PSDesk.prepareToServe(app, demo: demo)
    }
    try await app.execute()
} catch let failure as CommandFailure {
    try? await app.asyncShutdown()
    exit(failure.code)
} catch let config as ConfigError {
    print(config.description)
    try? await app.asyncShutdown()
    exit(1)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
