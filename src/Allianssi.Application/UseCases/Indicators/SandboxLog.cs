using Microsoft.Extensions.Logging;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>
/// The server log of the custom-indicator sandbox: the code, the definition and the type of the
/// exception behind a failure, never DuckDB's message (a runtime error can quote the data it read)
/// and never the SQL.
/// </summary>
internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Custom indicator {Indicator} v{Version} refused at validation: {Code} ({Cause})")]
    public static partial void Refused(ILogger logger, string indicator, int version, string? code, string? cause);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Custom indicator {Indicator} v{Version} left out of a computation: {Code} ({Cause}); suspended: {Suspended}")]
    public static partial void LeftOut(ILogger logger, string indicator, int version, string code, string? cause, bool suspended);
}
