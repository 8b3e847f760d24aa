using System.Globalization;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Reports.Fhir;

/// <summary>
/// The stored indicator results of a period (or a year) as FHIR R4 (Firely SDK): one <c>Measure</c> per
/// catalog indicator with results, one <c>Organization</c> per unit, and one <c>MeasureReport</c> per
/// result (type summary, the year as period, the unit as reporter, numerator/denominator/initial
/// population counts and the value as measureScore) in a collection <c>Bundle</c>. A result suppressed
/// for the reader (small count or its complement) is reported without counts or score, marked with the
/// tag <c>suppressed</c>, so nothing a page hides reaches a register through this file.
/// </summary>
public static class MeasureReportBundle
{
    /// <summary>The canonical base of Allianssi's measures and the code system of its tags.</summary>
    public const string Base = "urn:allianssi:";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).Pretty();

    /// <summary>
    /// Reads the results of <paramref name="periodCode"/> (and <paramref name="year"/>) as <paramref name="actor"/> may see them;
    /// <c>notFound.period</c> when the alliance has no such period.
    /// </summary>
    public static async Task<Outcome<IReadOnlyList<IndicatorResults>>> ReadAsync(AllianssiDbContext db, string allianceCode, string periodCode, int? year, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Periods.AnyAsync(p => p.Code == periodCode && p.Alliance!.Code == allianceCode, ct))
        {
            return Outcome<IReadOnlyList<IndicatorResults>>.NotFound("notFound.period", $"period '{periodCode}'");
        }

        var ids = await db.IndicatorResults.AsNoTracking().Where(r => r.Alliance!.Code == allianceCode && r.Period == periodCode)
            .Select(r => r.IndicatorId).Distinct().ToListAsync(ct);
        var results = new List<IndicatorResults>();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var outcome = await new GetIndicatorResults(db).ExecuteAsync(allianceCode, id, actor, ct);
            if (outcome.IsOk)
            {
                results.Add(outcome.Value! with
                {
                    Points = outcome.Value.Points.Where(p => p.Period == periodCode && (year is null || p.Year == year)).ToList(),
                });
            }
        }

        return Outcome<IReadOnlyList<IndicatorResults>>.Ok(results);
    }

    /// <summary>Builds the bundle.</summary>
    public static Bundle Build(string allianceCode, IReadOnlyList<IndicatorResults> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Id = FhirId($"{allianceCode}-results") };
        var catalog = ReferenceCatalog.Definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var indicator in results)
        {
            catalog.TryGetValue(indicator.Indicator, out var definition);
            bundle.Entry.Add(Entry(Measure(indicator.Indicator, definition)));
        }

        foreach (var unit in results.SelectMany(r => r.Points).Select(p => p.Unit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            bundle.Entry.Add(Entry(new Organization { Id = UnitId(unit), Name = unit == "*" ? "municipality total" : unit, Active = true }));
        }

        foreach (var indicator in results)
        {
            foreach (var point in indicator.Points)
            {
                bundle.Entry.Add(Entry(Report(indicator.Indicator, point, catalog.GetValueOrDefault(indicator.Indicator))));
            }
        }

        return bundle;
    }

    /// <summary>The bundle as FHIR JSON.</summary>
    public static string Serialize(Bundle bundle) => JsonSerializer.Serialize(bundle, Json);

    /// <summary>Parses FHIR JSON back into a bundle (for the tests and for whoever checks a file).</summary>
    public static Bundle Parse(string json) => JsonSerializer.Deserialize<Bundle>(json, Json) ?? throw new JsonException("empty bundle");

    /// <summary>The canonical URL of an indicator's measure.</summary>
    public static string MeasureUrl(string indicator) => $"{Base}measure:{indicator}";

    /// <summary>The FHIR id of a unit's Organization (<c>*</c>, the municipal total, becomes <c>municipality-total</c>).</summary>
    public static string UnitId(string unit) => unit == "*" ? "municipality-total" : FhirId(unit);

    private static Bundle.EntryComponent Entry(Resource resource) =>
        new() { FullUrl = $"{Base}{resource.TypeName}/{resource.Id}", Resource = resource };

    private static Measure Measure(string id, IndicatorDefinition? d)
    {
        var measure = new Measure
        {
            Id = FhirId(id),
            Url = MeasureUrl(id),
            Name = id,
            Status = PublicationStatus.Active,
        };
        if (d is null)
        {
            return measure;
        }

        measure.Version = d.Version.ToString(CultureInfo.InvariantCulture);
        measure.Title = d.NameEn;
        measure.Description = new Markdown(d.Description);
        measure.Scoring = new CodeableConcept("http://terminology.hl7.org/CodeSystem/measure-scoring", d.Kind switch
        {
            AggregationKind.Proportion => "proportion",
            AggregationKind.Ratio => "ratio",
            _ => "continuous-variable",
        });
        measure.ImprovementNotation = new CodeableConcept("http://terminology.hl7.org/CodeSystem/measure-improvement-notation", d.Direction == Direction.Higher ? "increase" : "decrease");
        measure.Extension.Add(new Extension($"{Base}name-fi", new FhirString(d.NameFi)));
        return measure;
    }

    private static MeasureReport Report(string indicator, ResultPoint p, IndicatorDefinition? d)
    {
        var report = new MeasureReport
        {
            Id = FhirId($"{indicator}-{UnitId(p.Unit)}-{p.Year.ToString(CultureInfo.InvariantCulture)}"),
            Status = MeasureReport.MeasureReportStatus.Complete,
            Type = MeasureReport.MeasureReportType.Summary,
            Measure = MeasureUrl(indicator),
            Reporter = new ResourceReference($"Organization/{UnitId(p.Unit)}"),
            Period = new Hl7.Fhir.Model.Period { Start = $"{p.Year.ToString(CultureInfo.InvariantCulture)}-01-01", End = $"{p.Year.ToString(CultureInfo.InvariantCulture)}-12-31" },
        };
        if (p.Suppressed && p.Value is null)
        {
            // No group at all: no counts, no score.
            report.Meta = new Meta();
            report.Meta.Tag.Add(new Coding($"{Base}tag", "suppressed"));
            return report;
        }

        var group = new MeasureReport.GroupComponent();
        report.Group.Add(group);

        if (p.Numerator is { } numerator)
        {
            group.Population.Add(Population("numerator", numerator));
        }

        if (p.Denominator is { } denominator)
        {
            group.Population.Add(Population("denominator", denominator));
        }

        if (p.N is { } n)
        {
            group.Population.Add(Population("initial-population", n));
        }

        if (p.Value is { } value)
        {
            group.MeasureScore = new Quantity { Value = (decimal)value, Unit = d?.UnitOfMeasure };
        }

        return report;
    }

    private static MeasureReport.PopulationComponent Population(string code, double count) => new()
    {
        Code = new CodeableConcept("http://terminology.hl7.org/CodeSystem/measure-population", code),
        Count = (int)Math.Round(count, MidpointRounding.AwayFromZero),
    };

    /// <summary>A FHIR id: letters, digits, '-' and '.', at most 64 characters.</summary>
    private static string FhirId(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray();
        var id = new string(chars);
        return id.Length > 64 ? id[..64] : id;
    }
}
