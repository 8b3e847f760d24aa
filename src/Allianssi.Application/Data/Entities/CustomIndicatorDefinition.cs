namespace Allianssi.Application.Data.Entities;

/// <summary>
/// One version of an analyst's own indicator definition: metadata and a SQL body over the
/// analytical store, validated in the sandbox before it was saved. Versions are never changed;
/// saving the same code again adds the next version, and the newest is computed.
/// </summary>
public sealed class CustomIndicatorDefinition
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public Alliance? Alliance { get; set; }

    /// <summary>Stable id (lowercase letters, digits, underscores), never one of the reference catalog's.</summary>
    public required string Code { get; set; }

    public int Version { get; set; }

    public required string NameFi { get; set; }

    public required string NameEn { get; set; }

    public string Description { get; set; } = "";

    public string UnitOfMeasure { get; set; } = "";

    /// <summary><c>Higher</c> or <c>Lower</c> (which way is better; the engine's <c>Direction</c>).</summary>
    public required string Direction { get; set; }

    /// <summary>The engine's aggregation kind, e.g. <c>Proportion</c>.</summary>
    public required string Kind { get; set; }

    public int MinimumCount { get; set; } = 5;

    /// <summary>
    /// The sandbox code (<c>SBXnnn</c>) that suspended this version at a computation: it ran past a
    /// limit, failed or was refused, and is not run again; the author's next version starts afresh.
    /// Null while the version is computed normally.
    /// </summary>
    public string? SuspendedCode { get; set; }

    /// <summary>When this version was suspended; null while it is not.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public required string Sql { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The leadership member who approved this version for the public page (null: not published).
    /// Only this version's results are public; a later version needs its own approval.
    /// </summary>
    public string? PublishedBy { get; set; }

    /// <summary>When this version was published; null while unpublished or after withdrawal.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
}
