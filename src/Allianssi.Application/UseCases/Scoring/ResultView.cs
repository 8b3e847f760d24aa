namespace Allianssi.Application.UseCases.Scoring;

/// <summary>What the scorecard and the settlement of a scope carry besides their figures.</summary>
public abstract record ResultView
{
    /// <summary>
    /// The explanation lines as data (key, figure, template and typed values), for a page that words
    /// them in the reader's language; the view's <c>Explanation</c> has the same lines in invariant English.
    /// Not part of the API's JSON, which keeps the texts.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Domain.Explanation> Lines { get; init; } = [];

    /// <summary>The approval locks in force over this result (null when not locked), each with its snapshot SHA-256.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = LockedView.Omit)]
    public IReadOnlyList<ResultLockInfo>? Locks { get; init; }
}
