using System.Globalization;
using System.Text.Json;

namespace Allianssi.Indicators.Engine;

/// <summary>
/// A contract period as the engine needs it: its dates (both inclusive) and its per-period
/// parameter values (e.g. <c>hba1cMax</c>, <c>ldlChdMax</c>, <c>minimumCount</c>), which override
/// a definition's defaults for every definition that has a parameter of that name.
/// </summary>
public sealed record ComputationPeriod(string Id, DateOnly Start, DateOnly End, IReadOnlyDictionary<string, object> Parameters)
{
    /// <summary>The calendar years the period touches, in order.</summary>
    public IEnumerable<int> Years => Enumerable.Range(Start.Year, End.Year - Start.Year + 1);

    /// <summary>The window of year <paramref name="year"/>: the part of the year inside the period.</summary>
    public MeasurementWindow WindowFor(int year)
    {
        if (year < Start.Year || year > End.Year)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"year is outside period {Id}");
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return new MeasurementWindow(year, first > Start ? first : Start, last < End ? last : End);
    }

    /// <summary>The Tesoma reference periods (P1-P3) with their parameters, from the configuration embedded in the domain assembly.</summary>
    public static IReadOnlyList<ComputationPeriod> Tesoma => TesomaPeriods.Value;

    private static readonly Lazy<IReadOnlyList<ComputationPeriod>> TesomaPeriods = new(() =>
    {
        using var stream = typeof(Allianssi.Domain.Reference.ReferenceConfiguration).Assembly.GetManifestResourceStream("Allianssi.Domain.Reference.tesoma-reference.json")
            ?? throw new InvalidOperationException("embedded tesoma-reference.json is missing");
        using var reader = new StreamReader(stream);
        return FromReferenceJson(reader.ReadToEnd());
    });

    /// <summary>
    /// Reads the periods and their <c>parameters</c> from a reference configuration in the format of
    /// <c>tesoma-reference.json</c> (comments allowed).
    /// </summary>
    public static IReadOnlyList<ComputationPeriod> FromReferenceJson(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var result = new List<ComputationPeriod>();
        foreach (var p in root.GetProperty("periods").EnumerateArray())
        {
            var id = p.GetProperty("id").GetString()!;
            var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
            if (root.TryGetProperty("parameters", out var all) && all.TryGetProperty(id, out var own))
            {
                foreach (var prop in own.EnumerateObject())
                {
                    parameters[prop.Name] = prop.Value.ValueKind switch
                    {
                        JsonValueKind.Number => prop.Value.GetDouble(),
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => prop.Value.GetString() ?? string.Empty,
                    };
                }
            }

            result.Add(new ComputationPeriod(
                id,
                DateOnly.ParseExact(p.GetProperty("start").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly.ParseExact(p.GetProperty("end").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                parameters));
        }

        return result;
    }
}

/// <summary>A measurement window: <see cref="Start"/> to <see cref="End"/>, both inclusive, in calendar year <see cref="Year"/>.</summary>
public readonly record struct MeasurementWindow(int Year, DateOnly Start, DateOnly End);
