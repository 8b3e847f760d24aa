using System.Collections.Immutable;
using System.Globalization;

namespace Allianssi.Domain.Scenarios;

/// <summary>One problem with a scenario, naming the field by its path in the scenario file.</summary>
/// <param name="Path">JSON-style path, e.g. <c>kras[0].indicators[1].levels.2022</c> or <c>ledger[3].party</c>.</param>
/// <param name="Message">What is wrong, in invariant culture, without personal data.</param>
public sealed record ScenarioError(string Path, string Message)
{
    /// <summary>
    /// Stable code of the message (e.g. <c>organiser.addendNegative</c>), for a UI that words it in the
    /// reader's language from <see cref="Arguments"/>; null when the error has only its text.
    /// </summary>
    public string? Code { get; init; }

    /// <summary>The values in the message, in order, typed so that a UI can format each in its culture.</summary>
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    /// <summary>
    /// The error with its message in the invariant culture; with a code, also the message's values as its
    /// <see cref="Arguments"/>.
    /// </summary>
    internal static ScenarioError Create(string path, string? code, FormattableString message)
    {
        var text = message.ToString(CultureInfo.InvariantCulture);
        return code is null ? new ScenarioError(path, text) : new ScenarioError(path, text) { Code = code, Arguments = message.GetArguments() };
    }

    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A scenario that cannot be read, validated or settled; carries every error found.</summary>
public sealed class InvalidScenarioException : Exception
{
    /// <summary>Creates the exception from at least one error.</summary>
    public InvalidScenarioException(IEnumerable<ScenarioError> errors)
        : this([.. errors ?? throw new ArgumentNullException(nameof(errors))])
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking errors.</summary>
    public InvalidScenarioException()
        : this([new ScenarioError("$", "invalid scenario")])
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking errors.</summary>
    public InvalidScenarioException(string message)
        : this([new ScenarioError("$", message)])
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking errors.</summary>
    public InvalidScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScenarioError("$", message)];
    }

    private InvalidScenarioException(ImmutableArray<ScenarioError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error, in the order found.</summary>
    public ImmutableArray<ScenarioError> Errors { get; }

    private static string Describe(ImmutableArray<ScenarioError> errors) =>
        errors.IsEmpty
            ? "invalid scenario"
            : "invalid scenario: " + string.Join("; ", errors.Select(e => e.ToString()));
}

/// <summary>What a scenario error's subject is, so that a page can show it by its name.</summary>
public enum ScenarioSubjectKind
{
    Party,
    Kra,
    Indicator,
}

/// <summary>
/// The party, key result area or indicator a coded <see cref="ScenarioError"/> concerns, by its id: the first of
/// its <see cref="ScenarioError.Arguments"/>; a page shows it by name, anything else shows the id.
/// </summary>
public sealed record ScenarioSubject(ScenarioSubjectKind Kind, string Id)
{
    /// <summary>The id.</summary>
    public override string ToString() => Id;
}
