using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Scenarios;

/// <summary>
/// The names the scenario format gives the domain's enums (<c>"purchaser"</c>, <c>"carryForward"</c>,
/// <c>"finalYear"</c>): the one table that the readers, the views and the reports all use.
/// </summary>
public static class ScenarioNames
{
    /// <summary>Party roles: <c>purchaser</c>, <c>producer</c>, <c>partner</c>.</summary>
    public static EnumNames<PartyRole> Roles { get; } = new(
        ("purchaser", PartyRole.Purchaser), ("producer", PartyRole.Producer), ("partner", PartyRole.Partner));

    /// <summary>Missing-value rules: <c>reweight</c>, <c>zero</c>, <c>minus100</c>, <c>carryForward</c>.</summary>
    public static EnumNames<MissingRule> MissingRules { get; } = new(
        ("reweight", MissingRule.Reweight), ("zero", MissingRule.Zero), ("minus100", MissingRule.Minus100), ("carryForward", MissingRule.CarryForward));

    /// <summary>Score aggregations: <c>monthWeightedMean</c>, <c>finalYear</c>.</summary>
    public static EnumNames<ScoreAggregation> Aggregations { get; } = new(
        ("monthWeightedMean", ScoreAggregation.MonthWeightedMean), ("finalYear", ScoreAggregation.FinalYear));

    /// <summary>The scenario-format name of a party role.</summary>
    public static string Name(PartyRole role) => Roles.Name(role);

    /// <summary>The scenario-format name of a missing-value rule.</summary>
    public static string Name(MissingRule rule) => MissingRules.Name(rule);

    /// <summary>The scenario-format name of a score aggregation.</summary>
    public static string Name(ScoreAggregation aggregation) => Aggregations.Name(aggregation);
}

/// <summary>The names of an enum's members in a file format, both ways; every member has exactly one name.</summary>
/// <typeparam name="T">The enum.</typeparam>
public sealed class EnumNames<T>
    where T : struct, Enum
{
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<T, string> _byValue = [];

    /// <summary>Creates the table; every member of <typeparamref name="T"/> must have one name.</summary>
    public EnumNames(params (string Name, T Value)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        foreach (var (name, value) in choices)
        {
            _byName.Add(name, value);
            _byValue.Add(value, name);
        }

        Choices = choices;
        foreach (var member in Enum.GetValues<T>())
        {
            if (!_byValue.ContainsKey(member))
            {
                throw new ArgumentException($"{typeof(T).Name}.{member} has no name", nameof(choices));
            }
        }
    }

    /// <summary>The names and members in their documented order.</summary>
    public IReadOnlyList<(string Name, T Value)> Choices { get; }

    /// <summary>The names, quoted and comma-separated, for an error message.</summary>
    public string Listed => string.Join(", ", Choices.Select(c => "\"" + c.Name + "\""));

    /// <summary>The name of a member.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of <typeparamref name="T"/>.</exception>
    public string Name(T value) =>
        _byValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");

    /// <summary>The member of a name (exact, case-sensitive), or false.</summary>
    public bool TryParse(string? name, out T value) => _byName.TryGetValue(name ?? string.Empty, out value);
}
