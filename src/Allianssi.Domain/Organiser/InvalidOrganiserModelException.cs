using System.Collections.Immutable;
using Allianssi.Domain.Scenarios;

namespace Allianssi.Domain.Organiser;

/// <summary>An organiser model that cannot be read, validated or computed; carries every error with its JSON path.</summary>
public sealed class InvalidOrganiserModelException : Exception
{
    /// <summary>Creates the exception from at least one error.</summary>
    public InvalidOrganiserModelException(IEnumerable<ScenarioError> errors)
        : this([.. errors ?? throw new ArgumentNullException(nameof(errors))])
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking errors.</summary>
    public InvalidOrganiserModelException()
        : this([new ScenarioError("$", "invalid organiser model")])
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking errors.</summary>
    public InvalidOrganiserModelException(string message)
        : this([new ScenarioError("$", message)])
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking errors.</summary>
    public InvalidOrganiserModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScenarioError("$", message)];
    }

    private InvalidOrganiserModelException(ImmutableArray<ScenarioError> errors)
        : base(errors.IsEmpty ? "invalid organiser model" : "invalid organiser model: " + string.Join("; ", errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every error, in the order found; each path names a field of the model's JSON.</summary>
    public ImmutableArray<ScenarioError> Errors { get; }
}
