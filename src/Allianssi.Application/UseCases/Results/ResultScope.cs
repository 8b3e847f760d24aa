using System.Globalization;

namespace Allianssi.Application.UseCases.Results;

/// <summary>The name of a result's scope, as locks, audit entries, refusals and downloads write it.</summary>
public static class ResultScope
{
    /// <summary>The period (<c>P1</c>) or the period and year (<c>P2/2022</c>).</summary>
    public static string Of(string period, int? year) =>
        year is { } y ? $"{period}/{y.ToString(CultureInfo.InvariantCulture)}" : period;
}
