using System.Collections.Immutable;

namespace Allianssi.Domain.Scoring;

/// <summary>A key result area [avaintulosalue, ATA] with its weighted indicators.</summary>
/// <remarks>
/// Immutable: the indicators cannot change after construction. The weight rules (indicator weights
/// add up to the KRA's weight) are checked with field paths by <see cref="Scenarios.Scenario"/>.
/// </remarks>
public sealed class KeyResultArea
{
    /// <summary>Creates a key result area.</summary>
    public KeyResultArea(string id, Weight weight, IEnumerable<Indicator> indicators)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(indicators);
        Id = id;
        Weight = weight;
        Indicators = [.. indicators];
    }

    /// <summary>Identifier, e.g. <c>ATA1</c>.</summary>
    public string Id { get; }

    /// <summary>Configured weight in percent of the whole scorecard.</summary>
    public Weight Weight { get; }

    /// <summary>The indicators, in configuration order.</summary>
    public ImmutableArray<Indicator> Indicators { get; }
}
