using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>The real and the what-if scorecard and settlement side by side.</summary>
public sealed record WhatIfView(
    ScorecardView RealScorecard,
    ScorecardView? ScratchScorecard,
    SettlementView? RealSettlement,
    SettlementView? ScratchSettlement,
    IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>
    /// The same errors with the indicator, the field and a stable code each, for the page; not in the API's
    /// answer, which keeps <see cref="Errors"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<WhatIfError> Coded { get; init; } = [];
}

/// <summary>
/// Scores and settles a scratch copy with changed indicator values or levels, next to the real
/// ones. Nothing is saved.
/// </summary>
public sealed class RunWhatIf(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<WhatIfView>> ExecuteAsync(string allianceCode, string periodCode, int? year, WhatIfChanges changes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var loaded = await AllianceData.LoadAsync(db, allianceCode, ct);
        if (loaded is null)
        {
            return Outcome<WhatIfView>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        // The current year of the application's clock, as the real result's (no later year is scored).
        var data = loaded with { ThisYear = time.GetUtcNow().Year };

        var real = Scorecards.Compute(data, periodCode, year, WhatIfChanges.None);
        if (!real.IsOk)
        {
            return real.Relay<WhatIfView>();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var coded = new List<WhatIfError>();
        foreach (var (indicator, levels) in changes.Levels ?? new Dictionary<string, IReadOnlyDictionary<int, LevelsChange>>())
        {
            foreach (var (y, l) in levels)
            {
                if (!new Domain.Scoring.ReferenceLevels(l.Minus100, l.Zero, l.Plus100).IsStrictlyMonotone)
                {
                    var message = FormattableString.Invariant($"levels of '{indicator}' for {y} must be strictly monotone; got {l.Minus100}, {l.Zero}, {l.Plus100}");
                    errors[FormattableString.Invariant($"levels.{indicator}.{y}")] = [message];
                    coded.Add(new WhatIfError(indicator, WhatIfField.Levels, WhatIfCodes.LevelsNotMonotone, [y, l.Minus100, l.Zero, l.Plus100], message));
                }
            }
        }

        ScorecardView? scratch = null;
        if (errors.Count == 0)
        {
            var s = Scorecards.Compute(data, periodCode, year, changes);
            if (s.IsOk)
            {
                scratch = s.Value;
            }
            else
            {
                foreach (var e in s.Errors)
                {
                    errors[e.Key] = e.Value;
                }

                coded.AddRange(Refused(s, real.Value!.Year));
            }
        }

        var realMoney = Settlements.Compute(data, periodCode, null, WhatIfChanges.None);
        var scratchMoney = errors.Count == 0 ? Settlements.Compute(data, periodCode, null, changes) : null;
        return Outcome<WhatIfView>.Ok(new WhatIfView(real.Value!, scratch, realMoney.Value, scratchMoney?.Value, errors) { Coded = coded });
    }

    // The scratch scorecard's refusal with the indicator and a code: real scored the same year, so a year
    // without data now means the changed values left nothing to score in it.
    private static IEnumerable<WhatIfError> Refused(Outcome<ScorecardView> refused, int year)
    {
        if (refused.Coded.Count > 0)
        {
            return refused.Coded.Select(e => e.Code == WhatIfCodes.NoLevels
                ? new WhatIfError(e.Arguments[0] as string, WhatIfField.Levels, e.Code, e.Arguments, e.Message)
                : new WhatIfError(null, null, e.Code, e.Arguments, e.Message));
        }

        return refused.Errors.SelectMany(e => e.Value.Select(m => e.Key == NotYet.Field
            ? new WhatIfError(null, null, WhatIfCodes.NothingScored, [year], m)
            : new WhatIfError(null, null, null, [], m)));
    }
}
